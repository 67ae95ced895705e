using McpOtelAgent.Cli;
using McpOtelAgent.Rules;
using McpOtelAgent.Tests.Assets.Support;
using McpOtelAgent.Tests.Lifecycle.Support;

namespace McpOtelAgent.Tests.Assets;

/// <summary>The committed rule files are the generator's output, and the real promtool accepts and unit-tests them.</summary>
public class RuleFileTests
{
    [Theory]
    [InlineData("prometheus", "alerting-rules", PrometheusRuleFile.FileName)]
    [InlineData("grafana", "alerting-rules/grafana", GrafanaRuleFile.FileName)]
    public async Task RulesCommand_DefaultConfig_EqualsCommittedFile(string format, string folder, string fileName)
    {
        using var output = new TempDirectory();

        var exitCode = await AgentCli.InvokeAsync(["rules", "--format", format, "--output", output.Path]);

        Assert.Equal(0, exitCode);
        Assert.Equal(
            await File.ReadAllTextAsync(RepoPaths.Of(folder, fileName)),
            await File.ReadAllTextAsync(Path.Combine(output.Path, fileName)));
    }

    [Fact]
    public async Task PromtoolCheckRules_CommittedRules_Succeeds()
    {
        var run = await ToolRun.RunAsync("promtool", ["check", "rules", RepoPaths.Of("alerting-rules", PrometheusRuleFile.FileName)]);

        Assert.True(run.ExitCode == 0, run.Output);
    }

    [Fact]
    public async Task PromtoolTestRules_CommittedUnitTests_AllPass()
    {
        var tests = Directory.GetFiles(RepoPaths.Of("alerting-rules", "tests"), "*.yml");
        Assert.NotEmpty(tests);

        var run = await ToolRun.RunAsync("promtool", ["test", "rules", .. tests], RepoPaths.Of("alerting-rules", "tests"));

        Assert.True(run.ExitCode == 0, run.Output);
    }

    [Fact]
    public async Task PromtoolTestRules_CommittedUnitTests_CoverEveryAlertRule()
    {
        var tests = string.Concat(await Task.WhenAll(
            Directory.GetFiles(RepoPaths.Of("alerting-rules", "tests"), "*.yml").Select(f => File.ReadAllTextAsync(f))));

        var rules = DefaultRules.Build()
            .Alerts.Select(static a => a.Rule).Distinct();

        Assert.All(rules, rule => Assert.Contains($"rule: {rule}\n", tests, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RulesCommand_ConfigWithServerOverrides_PromtoolAcceptsTheRules()
    {
        using var directory = new TempDirectory();
        var config = Path.Combine(directory.Path, "agent.json");
        await File.WriteAllTextAsync(config, """
            {
              "Agent": {
                "Health": {
                  "Thresholds": { "cpu_percent": { "Warning": 50, "ForSeconds": 120 } },
                  "Servers": {
                    "fs": { "Thresholds": { "cpu_percent": { "Warning": 90 }, "memory_mb": { "Warning": 4096, "Critical": 6000 } } },
                    "git.v2": { "Thresholds": { "cpu_percent": { "Warning": 90 } } }
                  }
                }
              }
            }
            """);

        Assert.Equal(0, await AgentCli.InvokeAsync(["rules", "--config", config, "--output", directory.Path]));
        Assert.Equal(0, await AgentCli.InvokeAsync(["rules", "--config", config, "--format", "grafana", "--output", directory.Path]));
        var rules = Path.Combine(directory.Path, PrometheusRuleFile.FileName);
        var run = await ToolRun.RunAsync("promtool", ["check", "rules", rules]);

        Assert.True(run.ExitCode == 0, run.Output);
        var text = await File.ReadAllTextAsync(rules);
        Assert.Contains("rate(process_cpu_time_seconds_total{server_id!~\"fs|git\\\\.v2\"}[1m])) * 100 > 50'", text, StringComparison.Ordinal);
        Assert.Contains("rate(process_cpu_time_seconds_total{server_id=~\"fs|git\\\\.v2\"}[1m])) * 100 > 90'", text, StringComparison.Ordinal);
        Assert.Contains("process_memory_usage_bytes{server_id=\"fs\"} / 1048576 > 6000'", text, StringComparison.Ordinal);
        Assert.Contains("for: 2m", text, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(directory.Path, GrafanaRuleFile.FileName)));
    }

    [Fact]
    public async Task RulesCommand_InvalidThreshold_ExitsTwoWithoutWriting()
    {
        using var directory = new TempDirectory();
        var config = Path.Combine(directory.Path, "agent.json");
        await File.WriteAllTextAsync(config, """{ "Agent": { "Health": { "Thresholds": { "cpu_percent": { "Warning": -1 } } } } }""");

        var exitCode = await AgentCli.InvokeAsync(["rules", "--config", config, "--output", directory.Path]);

        Assert.Equal(2, exitCode);
        Assert.False(File.Exists(Path.Combine(directory.Path, PrometheusRuleFile.FileName)));
    }
}
