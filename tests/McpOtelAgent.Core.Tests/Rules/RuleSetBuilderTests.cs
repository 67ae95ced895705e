using McpOtelAgent.Alerts;
using McpOtelAgent.Health;
using McpOtelAgent.Mcp;
using McpOtelAgent.Rules;

namespace McpOtelAgent.Core.Tests.Rules;

public class RuleSetBuilderTests
{
    private static RuleSettings Settings(Action<HealthOptions>? configure = null)
    {
        var health = new HealthOptions();
        configure?.Invoke(health);
        return new RuleSettings(health, TimeSpan.FromMinutes(10), RuleSettings.DefaultRateWindow, []);
    }

    [Fact]
    public void Build_Defaults_WarningAndCriticalRuleForEveryThresholdWithTheAgentsAlertNameAndFor()
    {
        var alerts = RuleSetBuilder.Build(Settings()).Alerts.ToList();

        foreach (var definition in ThresholdDefinition.All)
        {
            var rules = alerts.Where(a => a.Rule == definition.Name).ToList();
            Assert.Equal([Severity.Warning, Severity.Critical], rules.Select(r => r.Severity));
            Assert.All(rules, r => Assert.Equal(AlertTypes.AlertName(definition.AlertType), r.AlertName));
            Assert.All(rules, r => Assert.Equal(TimeSpan.FromMinutes(1), r.For));
            Assert.Equal(definition.DefaultWarning, rules[0].Threshold);
            Assert.Equal(definition.DefaultCritical, rules[1].Threshold);
        }
    }

    [Fact]
    public void Build_CpuPercent_RateOfCpuTimeSummedOverCpuModeTimes100()
    {
        var cpu = RuleSetBuilder.Build(Settings()).Alerts.First(a => a.Rule == ThresholdNames.CpuPercent);

        Assert.Equal("sum without (cpu_mode) (rate(process_cpu_time_seconds_total[1m])) * 100 > 80", cpu.Expression);
    }

    [Fact]
    public void Build_ServerOverride_OwnRulesWithResolvedLevelsAndExcludedFromGlobalOnes()
    {
        var settings = Settings(o =>
        {
            o.Thresholds[ThresholdNames.CpuPercent] = new ThresholdOptions { Warning = 50, ForSeconds = 20 };
            o.Servers["fs"] = new ServerHealthOptions { Thresholds = { [ThresholdNames.CpuPercent] = new ThresholdOptions { Warning = 90 } } };
            o.Servers["git.v2"] = new ServerHealthOptions { Thresholds = { [ThresholdNames.CpuPercent] = new ThresholdOptions { Warning = 90 } } };
            o.Servers["same"] = new ServerHealthOptions { Thresholds = { [ThresholdNames.CpuPercent] = new ThresholdOptions { Warning = 50 } } };
        });

        var cpu = RuleSetBuilder.Build(settings).Alerts.Where(a => a.Rule == ThresholdNames.CpuPercent).ToList();

        Assert.Equal(4, cpu.Count);
        Assert.Contains("{server_id!~\"fs|git\\\\.v2\"}", cpu[0].Query, StringComparison.Ordinal);
        Assert.Equal((50, 65), (cpu[0].Threshold, cpu[1].Threshold));
        Assert.Contains("{server_id=~\"fs|git\\\\.v2\"}", cpu[2].Query, StringComparison.Ordinal);
        Assert.Equal((90, 105), (cpu[2].Threshold, cpu[3].Threshold));
        Assert.All(cpu, a => Assert.Equal(TimeSpan.FromSeconds(20), a.For));
        Assert.Equal(4, cpu.Select(a => a.Id).Distinct().Count());
    }

    [Fact]
    public void Build_CheckInterval_DefaultForOfRulesWithoutThresholdIsTwoChecks()
    {
        var down = RuleSetBuilder.Build(Settings(o => o.CheckInterval = TimeSpan.FromSeconds(10)))
            .Alerts.Single(a => a.AlertType == AlertTypes.ProcessDown);

        Assert.Equal((Severity.Critical, TimeSpan.FromSeconds(20)), (down.Severity, down.For));
        Assert.Equal(
            "(mcp_server_up unless on (server_id) mcp_server_lifecycle_state{mcp_server_lifecycle_state=~\"stopped|stopping\"} == 1) < 1",
            down.Expression);
    }

    [Fact]
    public void Build_TrendWindow_RangesOfTrendRulesSpanIt()
    {
        var settings = Settings() with { TrendWindow = TimeSpan.FromSeconds(90) };

        var trends = RuleSetBuilder.Build(settings).Alerts.Where(a => a.AlertType == AlertTypes.TrendDegradation).ToList();

        Assert.Equal(4, trends.Count);
        Assert.All(trends, a => Assert.Contains("[1m30s", a.Query, StringComparison.Ordinal));
    }

    [Fact]
    public void Build_ManagedServerWithItsOwnProbeFailureThreshold_OwnProbeRuleAtThatCount()
    {
        McpServerDefinition Server(string id, int failures) => new()
        {
            Id = id,
            ConfigPath = "mcpServers:" + id,
            Transport = McpTransportKind.Stdio,
            Command = "node",
            Probe = McpProbeSettings.Default with { FailureThreshold = failures },
        };
        var settings = Settings() with { McpServers = [Server("memory", 3), Server("slow", 5)] };

        var probe = RuleSetBuilder.Build(settings).Alerts.Where(a => a.AlertType == AlertTypes.ProbeFailed).ToList();

        Assert.Equal(
            ["mcp_server_probe_consecutive_failures{server_id!=\"slow\"} >= 3", "mcp_server_probe_consecutive_failures{server_id=\"slow\"} >= 5"],
            probe.Select(a => a.Expression));
        Assert.All(probe, a => Assert.Equal((Severity.Error, TimeSpan.Zero), (a.Severity, a.For)));
    }

    [Fact]
    public void Build_CrashLoop_CriticalAtOnceOnTheCrashLoopState()
    {
        var crash = RuleSetBuilder.Build(Settings()).Alerts.Single(a => a.AlertType == AlertTypes.CrashLoop);

        Assert.Equal("mcp_server_lifecycle_state{mcp_server_lifecycle_state=\"crash-loop\"} > 0", crash.Expression);
        Assert.Equal((Severity.Critical, TimeSpan.Zero, "McpServerCrashLoop"), (crash.Severity, crash.For, crash.AlertName));
    }

    [Fact]
    public void ThresholdQuery_UnknownThreshold_Throws() =>
        Assert.Throws<ArgumentException>(() => RuleSetBuilder.ThresholdQuery("disk_percent", string.Empty, TimeSpan.FromMinutes(1)));
}
