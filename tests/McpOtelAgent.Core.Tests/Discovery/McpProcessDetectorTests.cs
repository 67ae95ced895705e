using McpOtelAgent.Discovery;

namespace McpOtelAgent.Core.Tests.Discovery;

public sealed class McpProcessDetectorTests
{
    [Theory]
    [InlineData("npx -y @modelcontextprotocol/server-memory", "server-memory")]
    [InlineData("node /x/node_modules/@modelcontextprotocol/server-everything/dist/index.js stdio", "server-everything")]
    [InlineData("npx -y @modelcontextprotocol/server-filesystem@2026.8.31 /tmp", "server-filesystem")]
    [InlineData("uvx mcp-server-fetch", "mcp-server-fetch")]
    [InlineData("python3 -m mcp_server_git --repository .", "mcp_server_git")]
    [InlineData("/usr/local/bin/mcp-proxy --port 8080", "mcp-proxy")]
    [InlineData("fastmcp run server.py", "fastmcp")]
    [InlineData("node app.js", null)]
    public void ServerName_CommonLaunches_NamesThePackage(string commandLine, string? expected)
    {
        Assert.Equal(expected, McpProcessDetector.ServerName(commandLine.Split(' ')));
    }

    [Theory]
    [InlineData("discovered-{name}-{pid}", "server-memory", 42, "discovered-server-memory-42")]
    [InlineData("discovered-{name}-{pid}", "My Server!", 7, "discovered-my-server-7")]
    [InlineData("{name}.{pid}", "@@@", 7, "server.7")]
    public void Apply_Template_GivesAValidServerId(string template, string name, int pid, string expected)
    {
        Assert.Equal(expected, ServerIdTemplate.Apply(template, name, pid));
    }

    [Fact]
    public void Apply_LongName_TruncatedToTheServerIdLimit()
    {
        var id = ServerIdTemplate.Apply(DiscoveryOptions.DefaultIdTemplate, new string('a', 200), 123456);

        Assert.Equal(64, id.Length);
        Assert.EndsWith("-123456", id, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadPatternsAndTemplate_ReportsEveryErrorWithItsKey()
    {
        var options = new DiscoveryOptions { IntervalSeconds = 0, Include = ["(unclosed"], Exclude = ["ok", "[z-a]"], IdTemplate = "{name}" };

        var result = new DiscoveryOptionsValidator().Validate(null, options);

        var failures = result.Failures!.ToList();
        Assert.Equal(4, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Agent:Discovery:IntervalSeconds", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Agent:Discovery:Include:0 is not a valid regular expression", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Agent:Discovery:Exclude:1 is not a valid regular expression", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Agent:Discovery:IdTemplate must contain {pid}", StringComparison.Ordinal));
    }
}
