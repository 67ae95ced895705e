using System.Collections;
using McpOtelAgent.Configuration;
using Microsoft.Extensions.Configuration;

namespace McpOtelAgent.Core.Tests.Configuration;

public sealed class AgentConfigurationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mcpotel-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Apply_EveryLayer_CommandLineBeatsEnvironmentBeatsFileBeatsDefaults()
    {
        var file = Path.Combine(_dir, "agent.json");
        File.WriteAllText(file, """
            { "Agent": { "MonitoringIntervalSeconds": 2, "HealthCheckIntervalSeconds": 20, "TrendWindowSize": 50,
                         "Servers": { "fs": { "Pid": 42 } } } }
            """);
        var environment = new Hashtable
        {
            ["MCPOTEL_Agent__HealthCheckIntervalSeconds"] = "15",
            ["MCPOTEL_Agent__TrendWindowSize"] = "60",
            ["MCPOTEL_API_KEY"] = "k1",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4317",
            ["UNRELATED"] = "x",
        };
        var commandLine = new Dictionary<string, string?> { ["Agent:TrendWindowSize"] = "70" };

        var configuration = Build(file, commandLine, environment);
        var options = new AgentOptions();
        configuration.GetSection(AgentOptions.SectionName).Bind(options);

        Assert.Equal(2, options.MonitoringIntervalSeconds);
        Assert.Equal(15, options.HealthCheckIntervalSeconds);
        Assert.Equal(70, options.TrendWindowSize);
        Assert.Equal("k1", options.ApiKey);
        Assert.Equal(42, options.Servers["fs"].Pid);
        Assert.Equal(AgentOptions.DefaultUrls, options.Urls);
        Assert.True(options.SelfMonitoring.Enabled);
        Assert.Equal("http://127.0.0.1:4317", configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Null(configuration["UNRELATED"]);
    }

    [Fact]
    public void FromEnvironment_AliasAndPrefixedSpelling_PrefixedWins()
    {
        var values = AgentConfiguration.FromEnvironment(new Hashtable
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:1",
            ["MCPOTEL_Agent__Urls"] = "http://127.0.0.1:2",
        });

        Assert.Equal("http://127.0.0.1:2", values["Agent:Urls"]);
    }

    [Fact]
    public void Apply_NoFile_EmbeddedDefaultsMonitorTheAgentOnLoopback9464()
    {
        var options = new AgentOptions { Urls = "unset", SelfMonitoring = { Enabled = false } };
        Build(null, new Dictionary<string, string?>(), new Hashtable()).GetSection("Agent").Bind(options);

        Assert.Equal("http://127.0.0.1:9464", options.Urls);
        Assert.True(options.SelfMonitoring.Enabled);
        Assert.Equal(5, options.MonitoringIntervalSeconds);
    }

    private static IConfigurationRoot Build(string? file, Dictionary<string, string?> commandLine, IDictionary environment)
    {
        var builder = new ConfigurationBuilder();
        AgentConfiguration.Apply(builder, file, commandLine, environment);
        return builder.Build();
    }
}
