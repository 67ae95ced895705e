using McpOtelAgent.Alerts;
using McpOtelAgent.Rules;
using McpOtelAgent.Tests.Agent.Support;
using McpOtelAgent.Tests.Assets.Support;
using McpOtelAgent.Tests.Support;
using McpOtelAgent.Tests.Wrapping;

namespace McpOtelAgent.Tests.Assets;

/// <summary>
/// Dashboards and rules against the real thing: the real Prometheus scraping the real agent watching a real CPU
/// burner, and the real Alertmanager receiving both Prometheus' alert and the agent's own. The agent runs in this
/// process, so these run alone (see <see cref="AgentHostCollection"/>).
/// </summary>
[Collection(AgentHostCollection.Name)]
public class LiveStackTests(MonitoringStack stack) : IClassFixture<MonitoringStack>
{
    private static readonly HashSet<string> PrometheusOwnSeries = new(StringComparer.Ordinal) { "ALERTS", "ALERTS_FOR_STATE" };

    /// <summary>
    /// Inside a real MCP session through the real wrapper (<c>wrap --agent</c>, server-everything behind it), so the
    /// wrapped server is a target with process metrics and MCP operation metrics at once, next to a managed
    /// server-memory that the agent probes: every panel and annotation query of both dashboards returns at least one
    /// series, for the wrapped server (the protocol row: for the managed one).
    /// </summary>
    [Fact]
    public async Task DashboardQueries_WrappedServerUnderTheAgent_EveryQueryReturnsASeries()
    {
        List<string> empty = [];
        var firing = false;
        await WrappedSdkSession.RunAsync(
            ["--server-id", MonitoringStack.WrappedId, "--agent", stack.AgentUrl.ToString(), "--api-key", MonitoringStack.ApiKey],
            duringSession: async _ =>
            {
                firing = await stack.WaitForFiringAsync(MonitoringStack.WrappedId) && await stack.WaitForFiringAsync(MonitoringStack.ManagedId);
                foreach (var (dashboard, row, where, expr) in Dashboards.Queries())
                {
                    // The protocol row is for managed (probed) servers; everything else is shown for the wrapped one.
                    var serverId = row.StartsWith("MCP protocol", StringComparison.Ordinal) ? MonitoringStack.ManagedId : MonitoringStack.WrappedId;
                    var query = Dashboards.Substitute(expr, serverId);
                    if (!await Poll.TrueAsync(async () => (await PrometheusApi.QueryAsync(stack.PrometheusUrl, query)).Count > 0, TimeSpan.FromSeconds(15)))
                    {
                        empty.Add($"{dashboard} / {where}: {query}");
                    }
                }
            });

        Assert.True(firing, stack.Logs);
        Assert.True(empty.Count == 0, "queries without a series:\n" + string.Join('\n', empty));

        // The server picker lists both: the wrapped server (a process) and the managed one.
        var picked = (await PrometheusApi.QueryAsync(stack.PrometheusUrl, $"group by (server_id) ({Dashboards.ServerIdSelector})"))
            .Select(static s => s.GetValueOrDefault("server_id")).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(new HashSet<string?>(StringComparer.Ordinal) { MonitoringStack.WrappedId, MonitoringStack.ManagedId }, picked);

        // After the session the wrapper's histogram stays on /metrics: every name the dashboards read is there.
        var unknown = Unknown(Dashboards.Queries().Select(static q => (Where: $"{q.Dashboard} / {q.Where}", q.Expr)), await KnownSeriesAsync());
        Assert.True(unknown.Count == 0, "metrics the agent does not emit:\n" + string.Join('\n', unknown));

        // And the server detail shows every per-server metric the agent emitted here.
        var shown = Dashboards.Queries().Where(static q => q.Dashboard == "mcp-server-detail.json")
            .SelectMany(static q => PromQlNames.Of(q.Expr)).Select(Family).ToHashSet(StringComparer.Ordinal);
        var exposition = await PrometheusApi.GetStringAsync(new Uri(stack.AgentUrl, "/metrics"));
        var perServer = exposition.Split('\n')
            .Where(static l => l.Length > 0 && l[0] != '#' && l.Contains("server_id=", StringComparison.Ordinal))
            .Select(static l => Family(l[..l.IndexOf('{', StringComparison.Ordinal)]))
            .Distinct()
            .Where(static n => !NotOnTheDetailDashboard.ContainsKey(n));
        var missing = perServer.Where(n => !shown.Contains(n)).ToList();
        Assert.True(missing.Count == 0, "per-server metrics not on the server detail: " + string.Join(", ", missing));
    }

    /// <summary>Per-server metrics the server detail leaves out, and why.</summary>
    private static readonly Dictionary<string, string> NotOnTheDetailDashboard = new(StringComparer.Ordinal)
    {
        ["mcp_server_health_time_to_threshold_seconds"] = "only while a forecast exists; the forecast panels compute it with predict_linear",
        ["mcp_agent_probe_errors_total"] = "only when a /proc read fails",
        ["mcp_client_session_duration_seconds"] = "only once a probe session has closed (the server restarted or stopped): the Restarts and Lifecycle state panels show when",
    };

    private static string Family(string name)
    {
        foreach (var suffix in (string[])["_bucket", "_sum", "_count"])
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
            {
                return name[..^suffix.Length];
            }
        }

        return name;
    }

    [Fact]
    public async Task RuleQueries_MetricNames_EmittedByTheAgentOrRecordedByTheRules()
    {
        var rules = DefaultRules.Build().Alerts.Select(static a => (Where: $"rule {a.AlertName} {a.Id}", Expr: a.Expression)).ToList();
        List<string> unknown = [];

        // The probe series appear with the managed server's first probe.
        await Poll.TrueAsync(async () => (unknown = Unknown(rules, await KnownSeriesAsync())).Count == 0, TimeSpan.FromSeconds(30));

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

        var both = await Poll.TrueAsync(async () =>
        {
            alerts = await PrometheusApi.AlertmanagerAlertsAsync(stack.AlertmanagerUrl);
            return Has(AlertRule.Source) && Has(AlertmanagerAlert.Source);
        }, TimeSpan.FromSeconds(90));

        Assert.True(both, $"alerts in Alertmanager: {string.Join("; ", alerts.Select(static a => string.Join(',', a)))}\n{stack.Logs}");
        var fromRules = alerts.Single(a => a.GetValueOrDefault("source") == AlertRule.Source && a.GetValueOrDefault("alertname") == "McpServerHighCpu"
            && a.GetValueOrDefault("server_id") == MonitoringStack.BurnerId);
        var fromAgent = alerts.Single(a => a.GetValueOrDefault("source") == AlertmanagerAlert.Source && a.GetValueOrDefault("alertname") == "McpServerHighCpu"
            && a.GetValueOrDefault("server_id") == MonitoringStack.BurnerId);
        Assert.Equal("warning", fromRules["severity"]);
        Assert.Equal(fromRules["severity"], fromAgent["severity"]);
        Assert.Equal(fromRules["alert_type"], fromAgent["alert_type"]);
        Assert.Equal("cpu_percent", fromRules["rule"]);
    }

    private static List<string> Unknown(IEnumerable<(string Where, string Expr)> queries, HashSet<string> known) =>
        [.. queries.SelectMany(q => PromQlNames.Of(q.Expr).Where(n => !known.Contains(n)).Select(n => $"{q.Where}: {n}")).Distinct()];

    /// <summary>Series names on the agent's /metrics, the rules' recorded series, and Prometheus' own alert series.</summary>
    private async Task<HashSet<string>> KnownSeriesAsync()
    {
        var exposition = await PrometheusApi.GetStringAsync(new Uri(stack.AgentUrl, "/metrics"));
        var names = exposition.Split('\n')
            .Where(static l => l.Length > 0 && l[0] != '#')
            .Select(static l => l[..l.IndexOfAny(['{', ' '])])
            .ToHashSet(StringComparer.Ordinal);
        var recorded = DefaultRules.Build()
            .Groups.SelectMany(static g => g.Recordings).Select(static r => r.Record);
        names.UnionWith(recorded);
        names.UnionWith(PrometheusOwnSeries);
        return names;
    }
}
