namespace McpOtelAgent.Telemetry;

/// <summary>Instruments of <c>mcp-otel-agent wrap</c>: MCP traffic of a wrapped stdio server.</summary>
internal static partial class MetricNames
{
    /// <summary>
    /// Histogram, <c>s</c>: a request the client sent, from the wrapper reading it until it read the server's reply
    /// (OpenTelemetry MCP semantic conventions). Prometheus: <c>mcp_server_operation_duration_seconds</c>.
    /// </summary>
    public const string McpServerOperationDuration = "mcp.server.operation.duration";

    /// <summary>
    /// Histogram, <c>s</c>: a request the wrapped server sent to its client (sampling, elicitation, roots); the
    /// conventions record server-initiated requests on the sender as client operations. The agent records its own
    /// probe requests here too (the MCP SDK's measurements, see <c>McpSdkMetricsBridge</c>).
    /// Prometheus: <c>mcp_client_operation_duration_seconds</c>.
    /// </summary>
    public const string McpClientOperationDuration = "mcp.client.operation.duration";

    /// <summary>Counter, <c>{notification}</c>, by method. Prometheus: <c>mcp_wrapper_notifications_total</c>.</summary>
    public const string McpWrapperNotifications = "mcp.wrapper.notifications";
}
