namespace McpOtelAgent.Probes;

/// <summary>
/// Identity of a process across time. The kernel reuses pids, so a pid alone can name two processes over a run;
/// the start time (field 22 of <c>/proc/[pid]/stat</c>, in clock ticks since boot) tells them apart.
/// </summary>
internal readonly record struct ProcessKey(int Pid, ulong StartTimeTicks)
{
    public override string ToString() => $"{Pid}@{StartTimeTicks}";
}
