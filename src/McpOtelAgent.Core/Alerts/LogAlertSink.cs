using McpOtelAgent.Health;
using Microsoft.Extensions.Logging;

namespace McpOtelAgent.Alerts;

/// <summary>
/// Writes every alert event as a structured log event (EventIds 2000–2002) with the fields server_id, alert_type,
/// severity, state, rule, value and threshold. The log level follows the severity, so a console or OTLP backend can
/// filter on either. Through the OpenTelemetry logging provider these become OTLP log records.
/// </summary>
internal sealed class LogAlertSink(ILogger<LogAlertSink> logger) : IAlertSink
{
    public void Deliver(AlertEvent alertEvent)
    {
        var alert = alertEvent.Alert;
        var severity = alert.Severity.ToName();
        var state = alert.State.ToName();
        switch (alertEvent.Kind)
        {
            case AlertEventKind.Firing:
                HealthLog.AlertFiring(
                    logger, LevelOf(alert.Severity), alert.ServerId, alert.Type, severity, state, alert.Rule, alert.Value, alert.Threshold, alert.Summary);
                break;
            case AlertEventKind.SeverityChanged:
                HealthLog.AlertSeverityChanged(
                    logger, LevelOf(alert.Severity), alert.ServerId, alert.Type, severity, alertEvent.PreviousSeverity?.ToName() ?? severity, state,
                    alert.Rule, alert.Value, alert.Threshold, alert.Summary);
                break;
            default:
                HealthLog.AlertResolved(logger, alert.ServerId, alert.Type, severity, state, alert.Rule, alert.Value, alert.Threshold, alert.Summary);
                break;
        }
    }

    private static LogLevel LevelOf(Severity severity) => severity switch
    {
        Severity.Critical => LogLevel.Critical,
        Severity.Error => LogLevel.Error,
        Severity.Warning => LogLevel.Warning,
        _ => LogLevel.Information,
    };
}
