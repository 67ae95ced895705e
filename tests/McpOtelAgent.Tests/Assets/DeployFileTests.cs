using System.Text.RegularExpressions;
using McpOtelAgent.Tests.Assets.Support;
using McpOtelAgent.Tests.Lifecycle.Support;

namespace McpOtelAgent.Tests.Assets;

/// <summary>The compose stack's files, checked by the real tools' own checkers (Docker itself does not run here).</summary>
public partial class DeployFileTests
{
    [Fact]
    public async Task DockerCompose_ConfigWithApiKey_Valid()
    {
        var run = await ToolRun.RunAsync("docker-compose", ["-f", "docker-compose.yml", "config", "-q"], environment: ApiKey("k"));

        Assert.True(run.ExitCode == 0, run.Output);
    }

    [Fact]
    public async Task DockerCompose_NoApiKey_RefusesToStartTheAgentBoundToAllInterfaces()
    {
        var run = await ToolRun.RunAsync("docker-compose", ["-f", "docker-compose.yml", "config", "-q"], environment: ApiKey(null));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("MCPOTEL_API_KEY", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DockerCompose_Agent_HostPidsAllInterfacesWithAKeyAndLoopbackPorts()
    {
        var run = await ToolRun.RunAsync("docker-compose", ["-f", "docker-compose.yml", "config"], environment: ApiKey("k"));

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("pid: host", run.Output, StringComparison.Ordinal);
        Assert.Contains("ASPNETCORE_URLS: http://0.0.0.0:9464", run.Output, StringComparison.Ordinal);
        Assert.Contains("MCPOTEL_Agent__AllowNonLoopback: \"true\"", run.Output, StringComparison.Ordinal);
        Assert.Contains("MCPOTEL_API_KEY: k", run.Output, StringComparison.Ordinal);
        var published = PublishedPort().Matches(run.Output).Select(static m => m.Groups["host"].Value).ToList();
        Assert.Equal(6, published.Count);
        Assert.All(published, static host => Assert.Equal("127.0.0.1", host));
    }

    private static Dictionary<string, string?> ApiKey(string? key) => new() { ["MCPOTEL_API_KEY"] = key };

    [Fact]
    public async Task PromtoolCheckConfig_PrometheusConfigWithTheRules_Valid()
    {
        // The config names the rules where compose mounts them; promtool resolves them, so point it at the repository's.
        using var directory = new TempDirectory();
        var config = Path.Combine(directory.Path, "prometheus.yml");
        var text = await File.ReadAllTextAsync(RepoPaths.Of("deploy", "prometheus", "prometheus.yml"));
        Assert.Contains("/etc/prometheus/rules/", text, StringComparison.Ordinal);
        await File.WriteAllTextAsync(config, text.Replace("/etc/prometheus/rules/", RepoPaths.Of("alerting-rules") + "/", StringComparison.Ordinal));

        var run = await ToolRun.RunAsync("promtool", ["check", "config", config]);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("SUCCESS", run.Output, StringComparison.Ordinal);
        Assert.Contains("rules found", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AmtoolCheckConfig_AlertmanagerConfig_Valid()
    {
        var run = await ToolRun.RunAsync("amtool", ["check-config", RepoPaths.Of("deploy", "alertmanager", "alertmanager.yml")]);

        Assert.True(run.ExitCode == 0, run.Output);
    }

    [Fact]
    public async Task AmtoolConfigRoutes_CriticalAlertOfAServer_GoesToOncall()
    {
        var run = await ToolRun.RunAsync("amtool",
        [
            "config", "routes", "test", "--config.file", RepoPaths.Of("deploy", "alertmanager", "alertmanager.yml"),
            "alertname=McpServerHighCpu", "severity=critical", "server_id=fs", "alert_type=high_cpu",
        ]);

        Assert.True(run.ExitCode == 0, run.Output);
        // amtool adds a warning line about the flag; the receiver is the first line.
        Assert.Equal("oncall", run.Output.Split('\n')[0].Trim());
    }

    /// <summary>A short-syntax port as docker-compose config prints it: <c>- 127.0.0.1:9090:9090/tcp</c>.</summary>
    [GeneratedRegex(@"^\s*- (?:(?<host>[^:\s]+):)?\d+:\d+/tcp$", RegexOptions.Multiline)]
    private static partial Regex PublishedPort();
}
