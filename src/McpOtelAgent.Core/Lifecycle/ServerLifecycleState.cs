namespace McpOtelAgent.Lifecycle;

/// <summary>
/// Where a managed server is in its life. The numeric values are exported as <c>mcp.server.lifecycle.state</c> and are
/// stable: add new states at the end.
/// </summary>
internal enum ServerLifecycleState
{
    Stopped = 0,
    Starting = 1,
    Running = 2,
    Stopping = 3,

    /// <summary>Exited unexpectedly; waiting out the backoff delay before the next start.</summary>
    Backoff = 4,

    /// <summary>Restarted more than the policy allows within its window; no more automatic restarts.</summary>
    CrashLoop = 5,

    /// <summary>Could not be launched at all (command not found or not executable, bad working directory).</summary>
    FailedToStart = 6,
}
