using System.Text.Json.Nodes;
using McpOtelAgent.Rules;

namespace McpOtelAgent.Core.Tests.Rules;

public class YamlWriterTests
{
    [Fact]
    public void Write_NestedMapsAndLists_BlockStyleInInsertionOrder()
    {
        var root = new JsonObject
        {
            ["groups"] = new JsonArray(new JsonObject
            {
                ["name"] = "g",
                ["rules"] = new JsonArray(new JsonObject { ["alert"] = "A", ["labels"] = new JsonObject { ["severity"] = "warning" } }),
            }),
        };

        Assert.Equal(
            "# top\ngroups:\n- name: g\n  rules:\n  - alert: A\n    labels:\n      severity: warning\n",
            YamlWriter.Write(root, "top"));
    }

    [Theory]
    [InlineData("up > 1", "'up > 1'")]
    [InlineData("1m30s", "1m30s")]
    [InlineData("mcp_server:cpu_percent:rate1m", "mcp_server:cpu_percent:rate1m")]
    [InlineData("true", "'true'")]
    [InlineData("80", "'80'")]
    [InlineData("a: b", "'a: b'")]
    [InlineData("the agent's rule", "\"the agent's rule\"")]
    [InlineData("x{a=\"b\"}", "'x{a=\"b\"}'")]
    public void Write_String_QuotedUnlessPlainReadsBackTheSame(string value, string expected) =>
        Assert.Equal($"k: {expected}\n", YamlWriter.Write(new JsonObject { ["k"] = value }));

    [Fact]
    public void Write_Numbers_InvariantRoundTrip() =>
        Assert.Equal("a: 0.9500000000000001\nb: 1\n", YamlWriter.Write(new JsonObject { ["a"] = 0.8 + 0.15, ["b"] = 1 }));
}
