namespace McpOtelAgent.Lifecycle;

/// <summary>The names the API and the metric label use for lifecycle states.</summary>
internal static class LifecycleStateNames
{
    /// <summary>
    /// States without a process on purpose: stopped through the API or never started (<c>autoStart: false</c>), or
    /// stopping on request. Such a server is not down; the agent's <c>process_down</c> and its Prometheus mirror skip it.
    /// </summary>
    public static readonly IReadOnlyList<ServerLifecycleState> StoppedOnPurpose = [ServerLifecycleState.Stopped, ServerLifecycleState.Stopping];

    public static string Of(ServerLifecycleState state) => state switch
    {
        ServerLifecycleState.Stopped => "stopped",
        ServerLifecycleState.Starting => "starting",
        ServerLifecycleState.Running => "running",
        ServerLifecycleState.Stopping => "stopping",
        ServerLifecycleState.Backoff => "backoff",
        ServerLifecycleState.CrashLoop => "crash-loop",
        ServerLifecycleState.FailedToStart => "failed-to-start",
        ServerLifecycleState.Exited => "exited",
        _ => "unknown",
    };
}
