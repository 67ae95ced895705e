namespace McpOtelAgent.Alerts;

/// <summary>The seed's <c>add_alert_callback</c>: a delegate called with every alert event.</summary>
internal sealed class CallbackAlertSink(Action<AlertEvent> callback) : IAlertSink
{
    public void Deliver(AlertEvent alertEvent) => callback(alertEvent);
}
