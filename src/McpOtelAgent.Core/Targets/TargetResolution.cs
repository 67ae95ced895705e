namespace McpOtelAgent.Targets;

/// <summary>Where a target's process tree starts right now, or why it has none.</summary>
internal readonly record struct TargetResolution(int? RootPid, string? DownReason)
{
    public static TargetResolution Found(int pid) => new(pid, null);

    public static TargetResolution Down(string reason) => new(null, reason);
}
