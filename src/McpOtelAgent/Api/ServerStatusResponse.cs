namespace McpOtelAgent.Api;

/// <summary>
/// The seed's get_server_status: how the target is found, whether it is up, why not, its processes and latest metrics.
/// </summary>
internal sealed record ServerStatusResponse(
    string Id,
    string Origin,
    string Target,
    bool IncludeChildren,
    string State,
    string? DownReason,
    int? Pid,
    IReadOnlyList<int> Pids,
    DateTimeOffset? LastSampleAt,
    ProcessMetricsResponse? Metrics)
{
    /// <summary>For a server the agent launches: its lifecycle (state, restarts, last exit).</summary>
    public ManagedServerResponse? Lifecycle { get; init; }

    /// <summary>For a declared MCP server: its latest protocol probe.</summary>
    public McpProbeResponse? Mcp { get; init; }
}
