using McpOtelAgent.Sampling;

namespace McpOtelAgent.Targets;

/// <summary>
/// Where a target's process tree starts right now, or why it has none; <see cref="State"/> says whether having none
/// means the server is down or is meant to be so.
/// </summary>
internal readonly record struct TargetResolution(int? RootPid, string? DownReason, TargetState State)
{
    public static TargetResolution Found(int pid) => new(pid, null, TargetState.Up);

    public static TargetResolution Down(string reason) => new(null, reason, TargetState.Down);

    /// <summary>No process on purpose (a managed server stopped through the API): not down.</summary>
    public static TargetResolution Stopped(string reason) => new(null, reason, TargetState.Stopped);

    /// <summary>A server reached by URL: no local process to look for, and none missing.</summary>
    public static TargetResolution Remote { get; } = new(null, null, TargetState.Remote);
}
