using System.Diagnostics.Metrics;
using McpOtelAgent.Health;
using McpOtelAgent.Telemetry;

namespace McpOtelAgent.Alerts;

/// <summary>Counts alert events as they pass through the pipeline (a sink, so it sees exactly what the others see).</summary>
internal sealed class AlertEventCounter(AgentMeter agentMeter) : IAlertSink
{
    private readonly Counter<long> _events = agentMeter.Meter.CreateCounter<long>(
        MetricNames.AlertEvents, "{event}", "Alert events: firing, severity changes (state firing) and resolves");

    public void Deliver(AlertEvent alertEvent)
    {
        var alert = alertEvent.Alert;
        _events.Add(
            1,
            new KeyValuePair<string, object?>(AttributeNames.ServerId, alert.ServerId),
            new KeyValuePair<string, object?>(AttributeNames.AlertType, alert.Type),
            new KeyValuePair<string, object?>(AttributeNames.Severity, alert.Severity.ToName()),
            new KeyValuePair<string, object?>(AttributeNames.AlertState, alert.State.ToName()));
    }
}
