namespace McpOtelAgent.Telemetry;

/// <summary>Instruments of managed servers' lifecycle and of the MCP protocol probes.</summary>
internal static partial class MetricNames
{
    /// <summary>mcp_server_lifecycle_state (gauge, 1; mcp.server.lifecycle.state): 1 for a managed server's current state.</summary>
    public const string LifecycleState = "mcp.server.lifecycle.state";

    /// <summary>mcp_server_restarts_total (counter, {restart}): automatic restarts of a managed server.</summary>
    public const string Restarts = "mcp.server.restarts";

    /// <summary>mcp_server_probe_success (gauge, 1): 1 when the last protocol probe answered, 0 when it failed.</summary>
    public const string ProbeSuccess = "mcp.server.probe.success";

    /// <summary>mcp_server_probe_duration_seconds (histogram, s): round trip of a successful ping or server/discover.</summary>
    public const string ProbeDuration = "mcp.server.probe.duration";

    /// <summary>mcp_server_probe_consecutive_failures (gauge, {failure}): failed probes since the last success.</summary>
    public const string ProbeConsecutiveFailures = "mcp.server.probe.consecutive_failures";

    /// <summary>mcp_server_tools (updown counter, {tool}): tools the server lists (tools/list, refreshed on list_changed).</summary>
    public const string Tools = "mcp.server.tools";

    /// <summary>
    /// mcp_server_protocol_info (gauge, 1): always 1; negotiated protocol version, server name and version as attributes.
    /// Join it to <c>mcp_server_info</c> on <c>server_id</c>; an http server has only this one.
    /// </summary>
    public const string ProtocolInfo = "mcp.server.protocol.info";

    /// <summary>
    /// mcp_client_session_duration_seconds (histogram, s): how long each of the agent's probe sessions with a server
    /// lasted, recorded when it closes (the MCP SDK's measurement, with <c>server_id</c>).
    /// </summary>
    public const string McpClientSessionDuration = "mcp.client.session.duration";

    /// <summary>
    /// mcp_agent_sdk_dropped_measurements_total (counter, {measurement}): MCP SDK measurements taken outside any probe,
    /// which name no server and are not exported.
    /// </summary>
    public const string SdkDroppedMeasurements = "mcp.agent.sdk.dropped_measurements";
}
