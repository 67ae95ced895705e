namespace McpOtelAgent.Alerts;

/// <summary>
/// Receives every alert event (firing, severity changed, resolved), in order, on the health-check thread. A sink must
/// return quickly and never block: one that does I/O queues the event and sends it from its own background loop, as
/// the Alertmanager sink does. An exception is logged and does not stop the other sinks. Register one with
/// <c>services.AddSingleton&lt;IAlertSink, MySink&gt;()</c>, or a delegate with <c>services.AddAlertCallback(...)</c>.
/// </summary>
internal interface IAlertSink
{
    void Deliver(AlertEvent alertEvent);
}
