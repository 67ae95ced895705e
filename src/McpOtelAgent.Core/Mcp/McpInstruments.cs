using System.Diagnostics.Metrics;
using McpOtelAgent.Lifecycle;
using McpOtelAgent.Telemetry;

namespace McpOtelAgent.Mcp;

/// <summary>
/// Lifecycle and protocol-probe instruments, created once from the agent's meter. The gauges and counters are
/// observable and read the supervisor's and the monitors' latest state; the probe duration is a histogram recorded as
/// each successful probe completes.
/// </summary>
internal sealed class McpInstruments
{
    public McpInstruments(AgentMeter agentMeter, McpServerCatalog catalog)
    {
        var meter = agentMeter.Meter;
        meter.CreateObservableGauge(MetricNames.LifecycleState, () => catalog.Managed.Select(static s =>
            Measure(1, s.Id, AttributeNames.LifecycleState, LifecycleStateNames.Of(s.State))),
            "1", "1 for the current lifecycle state of a managed server");
        meter.CreateObservableCounter(MetricNames.Restarts, () => catalog.Managed.Select(static s =>
            Measure(s.Status.Restarts, s.Id)),
            "{restart}", "Automatic restarts of a managed server since the agent started");
        // Each callback reads a monitor's status once: a probe may replace it in between two reads.
        meter.CreateObservableGauge(MetricNames.ProbeSuccess, () => Statuses(catalog)
            .Where(static s => s.Success is not null)
            .Select(static s => Measure(s.Success == true ? 1 : 0, s.ServerId)),
            "1", "1 when the last MCP probe (ping, or server/discover) answered in time, 0 when it did not");
        meter.CreateObservableGauge(MetricNames.ProbeConsecutiveFailures, () => Statuses(catalog)
            .Where(static s => s.LastProbeAt is not null)
            .Select(static s => Measure(s.ConsecutiveFailures, s.ServerId)),
            "{failure}", "MCP probes failed in a row since the last success");
        meter.CreateObservableUpDownCounter(MetricNames.Tools, () => Statuses(catalog)
            .Where(static s => s.ToolCount is not null)
            .Select(static s => Measure(s.ToolCount!.Value, s.ServerId)),
            "{tool}", "Tools the server lists in tools/list");
        meter.CreateObservableGauge(MetricNames.ProtocolInfo, () => Statuses(catalog)
            .Where(static s => s.ProtocolVersion is not null)
            .Select(static s => new Measurement<int>(1,
                new KeyValuePair<string, object?>(AttributeNames.ServerId, s.ServerId),
                new KeyValuePair<string, object?>(AttributeNames.McpProtocolVersion, s.ProtocolVersion),
                new KeyValuePair<string, object?>(AttributeNames.McpServerName, s.ServerName ?? string.Empty),
                new KeyValuePair<string, object?>(AttributeNames.McpServerVersion, s.ServerVersion ?? string.Empty))),
            "1", "Always 1; the negotiated MCP protocol version and the server's name and version");

        var duration = meter.CreateHistogram(MetricNames.ProbeDuration, "s", "Round trip of a successful MCP probe (ping, or server/discover)",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = McpDurationBuckets.Seconds });
        foreach (var monitor in catalog.Monitors)
        {
            monitor.Probed += status =>
            {
                if (status is { Success: true, Duration: { } elapsed })
                {
                    duration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>(AttributeNames.ServerId, status.ServerId));
                }
            };
        }
    }

    private static IEnumerable<McpProbeStatus> Statuses(McpServerCatalog catalog) => catalog.Monitors.Select(static m => m.Status);

    private static Measurement<int> Measure(int value, string serverId) =>
        new(value, new KeyValuePair<string, object?>(AttributeNames.ServerId, serverId));

    private static Measurement<int> Measure(int value, string serverId, string key, string attribute) =>
        new(value, new KeyValuePair<string, object?>(AttributeNames.ServerId, serverId), new KeyValuePair<string, object?>(key, attribute));
}
