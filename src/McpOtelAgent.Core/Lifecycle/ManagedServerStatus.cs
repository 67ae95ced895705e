namespace McpOtelAgent.Lifecycle;

/// <summary>
/// A consistent snapshot of one managed server's lifecycle, for the API, metrics and health. <c>Restarts</c> counts
/// automatic restarts since the agent started (starts and restarts by hand are not counted); <c>LastError</c> says why
/// the last start failed; <c>NextRestartAt</c> is when the pending restart is due, while in backoff.
/// </summary>
internal sealed record ManagedServerStatus(
    string ServerId,
    ServerLifecycleState State,
    int? Pid,
    DateTimeOffset? StartedAt,
    int Restarts,
    ProcessExit? LastExit,
    string? LastError,
    DateTimeOffset? NextRestartAt);
