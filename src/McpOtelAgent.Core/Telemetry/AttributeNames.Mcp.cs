namespace McpOtelAgent.Telemetry;

/// <summary>Attributes of the lifecycle and MCP probe instruments.</summary>
internal static partial class AttributeNames
{
    /// <summary>stopped, starting, running, stopping, backoff, crash-loop, failed-to-start.</summary>
    public const string LifecycleState = "mcp.server.lifecycle.state";

    /// <summary>Only on <see cref="MetricNames.ProtocolInfo"/>: the server's own name (serverInfo.name).</summary>
    public const string McpServerName = "mcp.server.name";

    /// <summary>Only on <see cref="MetricNames.ProtocolInfo"/>: the server's own version (serverInfo.version).</summary>
    public const string McpServerVersion = "mcp.server.version";
}
