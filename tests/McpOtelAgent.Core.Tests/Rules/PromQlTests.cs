using McpOtelAgent.Rules;

namespace McpOtelAgent.Core.Tests.Rules;

public class PromQlTests
{
    [Theory]
    [InlineData(0, "0s")]
    [InlineData(45, "45s")]
    [InlineData(60, "1m")]
    [InlineData(90, "1m30s")]
    [InlineData(5400, "1h30m")]
    [InlineData(0.25, "250ms")]
    public void Duration_Seconds_PrometheusSpelling(double seconds, string expected) =>
        Assert.Equal(expected, PromQl.Duration(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Equal_RegexCharactersAndQuotes_MatchedLiterally()
    {
        Assert.Equal("server_id=\"a\\\"b\"", PromQl.Equal("server_id", ["a\"b"]));
        Assert.Equal("server_id=~\"a\\\\.b|c\\\\+\"", PromQl.Equal("server_id", ["a.b", "c+"]));
    }

    [Fact]
    public void NotEqual_NoValues_NoMatcher() => Assert.Equal(string.Empty, PromQl.NotEqual("server_id", []));
}
