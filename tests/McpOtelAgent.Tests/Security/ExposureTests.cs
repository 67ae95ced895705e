using McpOtelAgent.Tests.Reliability.Support;
using McpOtelAgent.Tests.Support;

namespace McpOtelAgent.Tests.Security;

/// <summary>The agent refuses to serve its API to the network without an API key unless told to.</summary>
public sealed class ExposureTests
{
    [Theory]
    [InlineData("http://0.0.0.0:{0}")]
    [InlineData("http://*:{0}")]
    [InlineData("http://127.0.0.1:{0};http://[::]:{0}")]
    public async Task Run_NonLoopbackWithoutApiKey_Exit2NamingTheKey(string urls)
    {
        var (exit, output) = await AgentProcess.RunToEndAsync(["run", "--urls", string.Format(System.Globalization.CultureInfo.InvariantCulture, urls, FreePort.Next())]);

        Assert.Equal(2, exit);
        Assert.Contains("Agent:ApiKey (MCPOTEL_API_KEY)", output, StringComparison.Ordinal);
        Assert.Contains("Agent:AllowNonLoopback", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MCPOTEL_API_KEY", "some-key")]
    [InlineData("MCPOTEL_Agent__AllowNonLoopback", "true")]
    public async Task CheckConfig_NonLoopbackWithKeyOrExplicitlyAllowed_Exit0(string variable, string value)
    {
        var (exit, output) = await AgentProcess.RunToEndAsync(["check-config"],
            new Dictionary<string, string> { ["ASPNETCORE_URLS"] = "http://0.0.0.0:9464", [variable] = value });

        Assert.True(exit == 0, output);
    }

    [Fact]
    public async Task CheckConfig_MetricsUrlsOnTheNetworkWithoutKey_Exit0()
    {
        var (exit, output) = await AgentProcess.RunToEndAsync(["check-config"],
            new Dictionary<string, string> { ["MCPOTEL_Agent__MetricsUrls"] = "http://0.0.0.0:9465" });

        Assert.True(exit == 0, output);
    }

    [Fact]
    public async Task CheckConfig_MetricsUrlsSharingTheApiPort_Exit2NamingTheKey()
    {
        var (exit, output) = await AgentProcess.RunToEndAsync(["check-config"],
            new Dictionary<string, string> { ["MCPOTEL_Agent__MetricsUrls"] = "http://127.0.0.2:9464" });

        Assert.Equal(2, exit);
        Assert.Contains("Agent:MetricsUrls", output, StringComparison.Ordinal);
    }
}
