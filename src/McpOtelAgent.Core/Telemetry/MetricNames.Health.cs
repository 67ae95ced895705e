namespace McpOtelAgent.Telemetry;

internal static partial class MetricNames
{
    /// <summary>
    /// mcp_server_health_status (gauge, 1): the latest health check's status, 0 healthy, 1 warning, 2 error,
    /// 3 critical (<see cref="Health.HealthStatus"/>), so <c>max by (server_id)</c> and <c>&gt;= 2</c> work in PromQL.
    /// </summary>
    public const string HealthStatus = "mcp.server.health.status";

    /// <summary>
    /// mcp_server_health_time_to_threshold_seconds (gauge, s; threshold): at the least-squares slope over the trend
    /// window, seconds until memory_mb or file_descriptors reaches its warning level. Absent when not growing.
    /// </summary>
    public const string HealthTimeToThreshold = "mcp.server.health.time_to_threshold";

    /// <summary>mcp_server_alerts_active (updown counter, {alert}; alert_type, severity): alerts firing now.</summary>
    public const string AlertsActive = "mcp.server.alerts.active";

    /// <summary>mcp_server_alert_events_total (counter, {event}; alert_type, severity, state): firing, severity changes and resolves.</summary>
    public const string AlertEvents = "mcp.server.alert.events";
}
