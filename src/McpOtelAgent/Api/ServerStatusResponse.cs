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
    ProcessMetricsResponse? Metrics);
