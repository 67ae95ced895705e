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

    /// <summary>
    /// Exited on its own and its restart policy does not restart it (mode never, or on-failure after a clean exit).
    /// Unlike <see cref="Stopped"/>, nobody asked it to stop: it is down.
    /// </summary>
    Exited = 7,
}
