using McpOtelAgent.Configuration;

namespace McpOtelAgent.Core.Tests.Configuration;

public sealed class AgentOptionsValidatorTests
{
    private readonly AgentOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        Assert.True(_validator.Validate(null, new AgentOptions()).Succeeded);
    }

    [Fact]
    public void Validate_ManyProblems_ReportsEveryOneNamingItsKey()
    {
        var options = new AgentOptions
        {
            MonitoringIntervalSeconds = 0,
            TrendWindowSize = 1,
            Urls = "http://0.0.0.0:9464",
            Otlp = { Protocol = "carrier-pigeon" },
            Servers =
            {
                ["fs"] = new TargetOptions { Pid = 1, Match = "x" },
                ["bad id!"] = new TargetOptions { Pid = 2 },
                ["re"] = new TargetOptions { Match = "(unclosed" },
                ["neg"] = new TargetOptions { Pid = -5 },
            },
        };

        var failures = _validator.Validate(null, options).Failures!.ToArray();

        Assert.Contains(failures, f => f.StartsWith("Agent:MonitoringIntervalSeconds is 0", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Agent:TrendWindowSize is 1", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Agent:Urls has 'http://0.0.0.0:9464', which is not loopback", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Agent:Otlp:Protocol 'carrier-pigeon'", StringComparison.Ordinal));
        Assert.Contains("Agent:Servers:fs:Pid exactly one of Pid, PidFile or Match is required", failures);
        Assert.Contains(failures, f => f.StartsWith("Agent:Servers:bad id! is not a valid server_id", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Agent:Servers:re:Match is not a valid regular expression", StringComparison.Ordinal));
        Assert.Contains("Agent:Servers:neg:Pid must be a positive process id", failures);
        Assert.Equal(8, failures.Length);
    }

    [Theory]
    [InlineData(@"(a)\1")]
    [InlineData("server(?=-x)")]
    public void Validate_PatternTheLinearEngineCannotRun_NamesTheKey(string pattern)
    {
        var options = new AgentOptions { Servers = { ["re"] = new TargetOptions { Match = pattern } } };

        var failures = _validator.Validate(null, options).Failures!;

        Assert.Contains(failures, f => f.StartsWith("Agent:Servers:re:Match is not a valid regular expression", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_NonLoopbackAllowed_Succeeds()
    {
        var options = new AgentOptions { Urls = "http://*:9464;http://[::1]:9465", AllowNonLoopback = true };

        Assert.True(_validator.Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9464", true)]
    [InlineData("http://localhost:9464", true)]
    [InlineData("http://[::1]:9464", true)]
    [InlineData("http://127.0.0.2:1", true)]
    [InlineData("http://0.0.0.0:9464", false)]
    [InlineData("http://+:9464", false)]
    [InlineData("http://10.1.2.3:9464", false)]
    public void BindAddresses_TryParse_TellsLoopbackFromTheRest(string url, bool loopback)
    {
        Assert.True(BindAddresses.TryParse(url, out var isLoopback));
        Assert.Equal(loopback, isLoopback);
    }
}
