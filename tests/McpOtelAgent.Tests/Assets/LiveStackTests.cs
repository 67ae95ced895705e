using McpOtelAgent.Rules;
using McpOtelAgent.Tests.Assets.Support;

namespace McpOtelAgent.Tests.Assets;

/// <summary>
/// Dashboards and rules against the real thing: the real Prometheus scraping the real agent watching a real CPU
/// burner, and the real Alertmanager receiving both Prometheus' alert and the agent's own.
/// </summary>
public class LiveStackTests(MonitoringStack stack) : IClassFixture<MonitoringStack>
{
    private static readonly HashSet<string> PrometheusOwnSeries = new(StringComparer.Ordinal) { "ALERTS", "ALERTS_FOR_STATE" };

    [Fact]
    public async Task DashboardQueries_PrometheusScrapingTheAgent_EveryQueryReturnsASeries()
    {
        Assert.True(await stack.WaitForFiringAsync(), stack.Logs);

        List<string> empty = [];
        foreach (var (dashboard, where, expr) in Dashboards.Queries())
        {
            var query = Dashboards.Substitute(expr, MonitoringStack.BurnerId);
            var found = await Eventually.TrueAsync(async () => (await PrometheusApi.QueryAsync(stack.PrometheusUrl, query)).Count > 0, TimeSpan.FromSeconds(20));
            if (!found)
            {
                empty.Add($"{dashboard} / {where}: {query}");
            }
        }

        Assert.True(empty.Count == 0, "queries without a series:\n" + string.Join('\n', empty));
    }

    [Fact]
    public async Task DashboardAndRuleQueries_MetricNames_EmittedByTheAgentOrRecordedByTheRules()
    {
        var known = await KnownSeriesAsync();
        var queries = Dashboards.Queries().Select(static q => (Where: $"{q.Dashboard} / {q.Where}", Expr: q.Expr))
            .Concat(RuleSetBuilder.Build(new RuleSettings(new McpOtelAgent.Health.HealthOptions(), TimeSpan.FromMinutes(10), RuleSettings.DefaultRateWindow, []))
                .Alerts.Select(static a => (Where: $"rule {a.AlertName} {a.Id}", Expr: a.Expression)));

        var unknown = queries
            .SelectMany(q => PromQlNames.Of(q.Expr).Where(n => !known.Contains(n)).Select(n => $"{q.Where}: {n}"))
            .Distinct()
            .ToList();

        Assert.True(unknown.Count == 0, "metrics the agent does not emit:\n" + string.Join('\n', unknown));
    }

    [Fact]
    public async Task CpuBurner_LoweredCpuThreshold_PrometheusAlertReachesAlertmanagerAndTheAgentFiresTheSame()
    {
        IReadOnlyList<IReadOnlyDictionary<string, string>> alerts = [];
        bool Has(string source) => alerts.Any(a =>
            a.GetValueOrDefault("alertname") == "McpServerHighCpu"
            && a.GetValueOrDefault("server_id") == MonitoringStack.BurnerId
            && a.GetValueOrDefault("source") == source);

        var both = await Eventually.TrueAsync(async () =>
        {
            alerts = await PrometheusApi.AlertmanagerAlertsAsync(stack.AlertmanagerUrl);
            return Has(AlertRule.Source) && Has(McpOtelAgent.Alerts.AlertmanagerAlert.Source);
        }, TimeSpan.FromSeconds(90));

        Assert.True(both, $"alerts in Alertmanager: {string.Join("; ", alerts.Select(static a => string.Join(',', a)))}\n{stack.Logs}");
        var fromRules = alerts.Single(a => a.GetValueOrDefault("source") == AlertRule.Source && a.GetValueOrDefault("alertname") == "McpServerHighCpu"
            && a.GetValueOrDefault("server_id") == MonitoringStack.BurnerId);
        var fromAgent = alerts.Single(a => a.GetValueOrDefault("source") == McpOtelAgent.Alerts.AlertmanagerAlert.Source && a.GetValueOrDefault("alertname") == "McpServerHighCpu"
            && a.GetValueOrDefault("server_id") == MonitoringStack.BurnerId);
        Assert.Equal("warning", fromRules["severity"]);
        Assert.Equal(fromRules["severity"], fromAgent["severity"]);
        Assert.Equal(fromRules["alert_type"], fromAgent["alert_type"]);
        Assert.Equal("cpu_percent", fromRules["rule"]);
    }

    /// <summary>Series names on the agent's /metrics, the rules' recorded series, and Prometheus' own alert series.</summary>
    private async Task<HashSet<string>> KnownSeriesAsync()
    {
        var exposition = await PrometheusApi.GetStringAsync(new Uri(stack.AgentUrl, "/metrics"));
        var names = exposition.Split('\n')
            .Where(static l => l.Length > 0 && l[0] != '#')
            .Select(static l => l[..l.IndexOfAny(['{', ' '])])
            .ToHashSet(StringComparer.Ordinal);
        var recorded = RuleSetBuilder.Build(new RuleSettings(new McpOtelAgent.Health.HealthOptions(), TimeSpan.FromMinutes(10), RuleSettings.DefaultRateWindow, []))
            .Groups.SelectMany(static g => g.Recordings).Select(static r => r.Record);
        names.UnionWith(recorded);
        names.UnionWith(PrometheusOwnSeries);
        return names;
    }
}
