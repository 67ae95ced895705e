namespace McpOtelAgent.Lifecycle;

/// <summary>The names the API and the metric label use for lifecycle states.</summary>
internal static class LifecycleStateNames
{
    public static string Of(ServerLifecycleState state) => state switch
    {
        ServerLifecycleState.Stopped => "stopped",
        ServerLifecycleState.Starting => "starting",
        ServerLifecycleState.Running => "running",
        ServerLifecycleState.Stopping => "stopping",
        ServerLifecycleState.Backoff => "backoff",
        ServerLifecycleState.CrashLoop => "crash-loop",
        ServerLifecycleState.FailedToStart => "failed-to-start",
        _ => "unknown",
    };
}
