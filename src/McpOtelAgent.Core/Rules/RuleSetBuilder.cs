using System.Globalization;
using McpOtelAgent.Alerts;
using McpOtelAgent.Health;
using McpOtelAgent.Lifecycle;
using McpOtelAgent.Mcp;
using McpOtelAgent.Telemetry;
using Microsoft.Extensions.Options;

namespace McpOtelAgent.Rules;

/// <summary>
/// Builds the Prometheus mirror of the agent's health rules from the effective settings: the same alert names
/// (<see cref="AlertTypes.AlertName"/>), severities, thresholds (resolved by <see cref="ThresholdStore"/>, so per-server
/// overrides come out exactly as the agent applies them) and <c>for</c> durations. A server with an override gets its
/// own rules and is excluded from the global ones.
/// </summary>
internal static class RuleSetBuilder
{
    public const string GroupPrefix = "mcp-otel-agent";
    private const double BytesPerMegabyte = 1024 * 1024;

    private static readonly string ServerIdLabel = AttributeNames.ServerId;

    /// <summary>The recording rule of CPU percent per server for a rate window (<c>mcp_server:cpu_percent:rate1m</c>).</summary>
    public static string CpuPercentRecord(TimeSpan rateWindow) => $"mcp_server:cpu_percent:rate{PromQl.Duration(rateWindow)}";

    /// <summary>CPU percent as psutil and the agent define it: CPU seconds per second of the whole tree, × 100.</summary>
    public static string CpuPercent(string matchers, TimeSpan rateWindow) =>
        $"sum without ({RuleMetrics.Label(AttributeNames.CpuMode)}) (rate({PromQl.Selector(RuleMetrics.CpuTime, matchers)}[{PromQl.Duration(rateWindow)}])) * 100";

    public static RuleSet Build(RuleSettings settings)
    {
        var cpuRecord = CpuPercentRecord(settings.RateWindow);
        return new RuleSet(
        [
            new RuleGroup($"{GroupPrefix}.recording", [new RecordingRule(cpuRecord, CpuPercent(string.Empty, settings.RateWindow))], []),
            new RuleGroup($"{GroupPrefix}.thresholds", [], [.. ThresholdAlerts(settings)]),
            new RuleGroup($"{GroupPrefix}.process", [], [.. ProcessAlerts(settings)]),
            new RuleGroup($"{GroupPrefix}.trends", [], [.. TrendAlerts(settings)]),
            new RuleGroup($"{GroupPrefix}.mcp", [], [.. McpAlerts(settings)]),
        ]);
    }

    /// <summary>The value of a threshold as PromQL, in the threshold's unit, for the series the matchers select.</summary>
    public static string ThresholdQuery(string thresholdName, string matchers, TimeSpan rateWindow) => thresholdName switch
    {
        ThresholdNames.CpuPercent => CpuPercent(matchers, rateWindow),
        ThresholdNames.MemoryPercent => $"{PromQl.Selector(RuleMetrics.MemoryUtilization, matchers)} * 100",
        ThresholdNames.MemoryMb => $"{PromQl.Selector(RuleMetrics.MemoryUsage, matchers)} / {PromQl.Number(BytesPerMegabyte)}",
        ThresholdNames.FileDescriptors => PromQl.Selector(RuleMetrics.FileDescriptorCount, matchers),
        ThresholdNames.ThreadCount => PromQl.Selector(RuleMetrics.ThreadCount, matchers),
        ThresholdNames.FdUsageRatio => PromQl.Selector(RuleMetrics.FileDescriptorUtilization, matchers),
        _ => throw new ArgumentException($"no PromQL for threshold '{thresholdName}'", nameof(thresholdName)),
    };

    private static IEnumerable<AlertRule> ThresholdAlerts(RuleSettings settings)
    {
        foreach (var definition in ThresholdDefinition.All)
        {
            foreach (var (threshold, matchers, scope) in Scopes(settings, definition.Name))
            {
                var query = ThresholdQuery(definition.Name, matchers, settings.RateWindow);
                foreach (var (severity, level) in new[] { (Severity.Warning, threshold.Warning), (Severity.Critical, threshold.Critical) })
                {
                    yield return new AlertRule(
                        definition.AlertType, definition.Name, severity, query, RuleComparison.Above, level, threshold.For,
                        $"{definition.Name} {{value}} is above {Format(level)}", scope);
                }
            }
        }
    }

    private static IEnumerable<AlertRule> ProcessAlerts(RuleSettings settings)
    {
        var defaultFor = settings.Health.EffectiveDefaultFor;

        // A managed server stopped on purpose has mcp_server_up 0 too, but the agent does not call it down: neither do these.
        var stoppedOnPurpose = string.Join('|', LifecycleStateNames.StoppedOnPurpose.Select(LifecycleStateNames.Of));
        var stopped = PromQl.Selector(RuleMetrics.LifecycleState, $"{RuleMetrics.Label(AttributeNames.LifecycleState)}=~\"{stoppedOnPurpose}\"");
        yield return new AlertRule(
            AlertTypes.ProcessDown, ProcessDownRule.RuleName, Severity.Critical,
            $"({RuleMetrics.Up} unless on ({ServerIdLabel}) {stopped} == 1)", RuleComparison.Below, 1, defaultFor,
            "server is down (no live process)", string.Empty);

        // Only the root's scheduler state is exported; the agent also warns on stopped or zombie descendants.
        var stateLabel = RuleMetrics.Label(AttributeNames.ProcessState);
        foreach (var (severity, states) in new[] { (Severity.Error, "zombie|dead"), (Severity.Warning, "stopped|tracing-stop") })
        {
            yield return new AlertRule(
                AlertTypes.ProcessHealth, ProcessStateRule.RuleName, severity,
                PromQl.Selector(RuleMetrics.ProcessState, $"{stateLabel}=~\"{states}\""), RuleComparison.Above, 0, defaultFor,
                $"root process is {{{{ $labels.{stateLabel} }}}}", string.Empty);
        }
    }

    private static IEnumerable<AlertRule> TrendAlerts(RuleSettings settings)
    {
        var health = settings.Health;
        var window = PromQl.Duration(settings.TrendWindow);
        var seconds = PromQl.Number(settings.TrendWindow.TotalSeconds);
        var memory = RuleMetrics.MemoryUsage;

        // MemoryLeakRule: the least-squares rise over the window, as a percentage of the window's mean.
        yield return new AlertRule(
            AlertTypes.TrendDegradation, MemoryLeakRule.RuleName, Severity.Warning,
            $"deriv({memory}[{window}]) * {seconds} / avg_over_time({memory}[{window}]) * 100",
            RuleComparison.Above, health.MemoryLeakMinGrowthPercent, health.EffectiveDefaultFor,
            $"memory grew {{value}}% over the last {window}: possible leak", string.Empty);

        // CpuRisingRule: the least-squares rise of CPU percent over the window, in points. Informational, as in the agent.
        // A subquery rather than the recording rule, so the Grafana copy of the query runs as it is.
        yield return new AlertRule(
            AlertTypes.TrendDegradation, CpuRisingRule.RuleName, Severity.Info,
            $"deriv(({CpuPercent(string.Empty, settings.RateWindow)})[{window}:]) * {seconds}",
            RuleComparison.Above, health.CpuRiseMinPoints, health.EffectiveDefaultFor,
            $"CPU use rose {{value}} points over the last {window}", string.Empty);

        // ForecastRule: at the window's slope, the warning level is reached within the horizon (and is not reached yet).
        var horizon = PromQl.Number(health.ForecastHorizon.TotalSeconds);
        foreach (var name in new[] { ThresholdNames.MemoryMb, ThresholdNames.FileDescriptors })
        {
            foreach (var (threshold, matchers, scope) in Scopes(settings, name))
            {
                var (metric, divisor) = name == ThresholdNames.MemoryMb
                    ? (PromQl.Selector(memory, matchers), " / " + PromQl.Number(BytesPerMegabyte))
                    : (PromQl.Selector(RuleMetrics.FileDescriptorCount, matchers), string.Empty);
                var limit = PromQl.Number(threshold.Warning);
                yield return new AlertRule(
                    AlertTypes.TrendDegradation, name + ForecastRule.RuleSuffix, Severity.Warning,
                    $"(predict_linear({metric}[{window}], {horizon}){divisor} and {metric}{divisor} < {limit})",
                    RuleComparison.Above, threshold.Warning, health.EffectiveDefaultFor,
                    $"{name} will reach {Format(threshold.Warning)} within {PromQl.Duration(health.ForecastHorizon)} at the current trend (forecast {{value}})",
                    scope);
            }
        }
    }

    private static IEnumerable<AlertRule> McpAlerts(RuleSettings settings)
    {
        // CrashLoopRule: critical at once; the crash-loop state already spent the restart policy's window.
        yield return new AlertRule(
            AlertTypes.CrashLoop, CrashLoopRule.RuleName, Severity.Critical,
            PromQl.Selector(RuleMetrics.LifecycleState, $"{RuleMetrics.Label(AttributeNames.LifecycleState)}=\"{LifecycleStateNames.Of(ServerLifecycleState.CrashLoop)}\""),
            RuleComparison.Above, 0, TimeSpan.Zero,
            "crash-looping: restarted more often than its policy allows; not restarted again until started by hand", string.Empty);

        // ProbeFailedRule: an error once the server's failureThreshold probes failed in a row; no further for.
        var thresholds = settings.McpServers.Where(static s => s.Probe.Enabled).Select(static s => (s.Id, s.Probe.FailureThreshold));
        foreach (var (failures, matchers, scope) in Split(McpProbeSettings.Default.FailureThreshold, thresholds))
        {
            yield return new AlertRule(
                AlertTypes.ProbeFailed, ProbeFailedRule.RuleName, Severity.Error,
                PromQl.Selector(RuleMetrics.ProbeConsecutiveFailures, matchers), RuleComparison.AtLeast, failures, TimeSpan.Zero,
                "MCP probe failed {value} times in a row", scope);
        }
    }

    /// <summary>
    /// The global threshold (for every server without an override, excluded by matcher) and one entry per distinct
    /// override, each with the matchers that select its servers and a stable scope name.
    /// </summary>
    private static IEnumerable<(Threshold Threshold, string Matchers, string Scope)> Scopes(RuleSettings settings, string thresholdName)
    {
        var store = new ThresholdStore(Options.Create(settings.Health));
        return Split(store.Get(thresholdName), settings.Health.Servers.Keys.Select(id => (id, store.Get(thresholdName, id))));
    }

    /// <summary>A global value for every server but those whose own value differs, and one entry per distinct own value.</summary>
    private static IEnumerable<(T Value, string Matchers, string Scope)> Split<T>(T global, IEnumerable<(string Id, T Value)> servers)
        where T : notnull
    {
        var overrides = servers
            .Where(s => !EqualityComparer<T>.Default.Equals(s.Value, global))
            .OrderBy(static s => s.Id, StringComparer.Ordinal)
            .GroupBy(static s => s.Value)
            .Select(static g => (Value: g.Key, Ids: g.Select(static s => s.Id).ToList()))
            .ToList();

        yield return (global, PromQl.NotEqual(ServerIdLabel, [.. overrides.SelectMany(static o => o.Ids)]), string.Empty);
        for (var i = 0; i < overrides.Count; i++)
        {
            yield return (overrides[i].Value, PromQl.Equal(ServerIdLabel, overrides[i].Ids),
                "override" + (i + 1).ToString(CultureInfo.InvariantCulture));
        }
    }

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
