using Microsoft.Extensions.Logging;

namespace McpOtelAgent.Health;

/// <summary>
/// Log events of health and alerts, EventIds 2000–2999 (append only, never renumber). Placeholders use the snake_case
/// field names that dashboards and log queries filter on (<c>server_id</c>, <c>alert_type</c>, ...): with the
/// OpenTelemetry logging provider they become the OTLP log record's attribute keys as written.
/// </summary>
internal static partial class HealthLog
{
    // The parameter names are the structured field names, hence snake_case.
#pragma warning disable IDE1006, CA1707

    [LoggerMessage(EventId = 2000, EventName = "AlertFiring",
        Message = "Alert {alert_type} {state} for {server_id}: severity {severity}, {rule} value {value} threshold {threshold}: {summary}")]
    public static partial void AlertFiring(
        ILogger logger, LogLevel level, string server_id, string alert_type, string severity, string state, string rule,
        double? value, double? threshold, string summary);

    [LoggerMessage(EventId = 2001, EventName = "AlertResolved", Level = LogLevel.Information,
        Message = "Alert {alert_type} {state} for {server_id}: severity {severity}, {rule} value {value} threshold {threshold}: {summary}")]
    public static partial void AlertResolved(
        ILogger logger, string server_id, string alert_type, string severity, string state, string rule,
        double? value, double? threshold, string summary);

    [LoggerMessage(EventId = 2002, EventName = "AlertSeverityChanged",
        Message = "Alert {alert_type} {state} for {server_id}: severity {previous_severity} -> {severity}, {rule} value {value} threshold {threshold}: {summary}")]
    public static partial void AlertSeverityChanged(
        ILogger logger, LogLevel level, string server_id, string alert_type, string severity, string previous_severity, string state,
        string rule, double? value, double? threshold, string summary);

    [LoggerMessage(EventId = 2003, EventName = "AlertsCleared", Level = LogLevel.Information,
        Message = "Cleared {count} alerts for {server_id}")]
    public static partial void AlertsCleared(ILogger logger, int count, string server_id);

    [LoggerMessage(EventId = 2010, EventName = "HealthCheckFailed", Level = LogLevel.Error,
        Message = "Health check failed for {server_id}")]
    public static partial void HealthCheckFailed(ILogger logger, Exception exception, string server_id);

    [LoggerMessage(EventId = 2011, EventName = "HealthRuleFailed", Level = LogLevel.Error,
        Message = "Health rule {rule} failed for {server_id}; its issues are skipped this check")]
    public static partial void RuleFailed(ILogger logger, Exception exception, string rule, string server_id);

    [LoggerMessage(EventId = 2012, EventName = "HealthSweepFailed", Level = LogLevel.Error,
        Message = "Health check of all servers failed; retrying at the next interval")]
    public static partial void HealthSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2020, EventName = "AlertSinkFailed", Level = LogLevel.Error,
        Message = "Alert sink {sink} failed on {alert_type} for {server_id}")]
    public static partial void SinkFailed(ILogger logger, Exception exception, string sink, string alert_type, string server_id);

    [LoggerMessage(EventId = 2030, EventName = "AlertmanagerSendFailed", Level = LogLevel.Warning,
        Message = "Sending {count} alerts to Alertmanager {url} failed (attempt {attempt}); retrying in {delay_seconds} s: {error}")]
    public static partial void AlertmanagerSendFailed(ILogger logger, int count, Uri url, int attempt, double delay_seconds, string error);

    [LoggerMessage(EventId = 2031, EventName = "AlertmanagerSent", Level = LogLevel.Debug,
        Message = "Sent {count} alerts to Alertmanager {url}")]
    public static partial void AlertmanagerSent(ILogger logger, int count, Uri url);

    [LoggerMessage(EventId = 2032, EventName = "AlertmanagerQueueFull", Level = LogLevel.Warning,
        Message = "Alertmanager queue full ({capacity}); dropped the oldest notification for {alert_type} on {server_id}")]
    public static partial void AlertmanagerQueueFull(ILogger logger, int capacity, string alert_type, string server_id);

    [LoggerMessage(EventId = 2033, EventName = "AlertmanagerRejected", Level = LogLevel.Error,
        Message = "Alertmanager {url} rejected {count} alerts; dropped them: {error}")]
    public static partial void AlertmanagerRejected(ILogger logger, int count, Uri url, string error);

    [LoggerMessage(EventId = 2040, EventName = "ThresholdChanged", Level = LogLevel.Information,
        Message = "Threshold {threshold_name} for {scope} set to warning {warning}, critical {critical}, for {for_seconds} s")]
    public static partial void ThresholdChanged(
        ILogger logger, string threshold_name, string scope, double warning, double critical, double for_seconds);

#pragma warning restore IDE1006, CA1707
}
