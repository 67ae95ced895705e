namespace McpOtelAgent.Probes;

/// <summary>Per-host facts every process sample is interpreted against; read once, not per process.</summary>
/// <param name="MemTotalBytes"><c>MemTotal</c> of <c>/proc/meminfo</c>, the denominator of memory percent.</param>
/// <param name="CpusAvailable">CPUs this agent may use: affinity mask, further capped by a cgroup CPU quota.</param>
/// <param name="ClockTicksPerSecond"><c>sysconf(_SC_CLK_TCK)</c>, the unit of CPU times and start times.</param>
/// <param name="PageSizeBytes"><c>sysconf(_SC_PAGESIZE)</c>, the unit of <c>statm</c> and RSS in <c>stat</c>.</param>
/// <param name="BootTime"><c>btime</c> of <c>/proc/stat</c>: start times are ticks after it.</param>
internal sealed record SystemInfo(
    ulong MemTotalBytes,
    double CpusAvailable,
    long ClockTicksPerSecond,
    long PageSizeBytes,
    DateTimeOffset BootTime)
{
    /// <summary>Boot time plus a start time in clock ticks, in integer arithmetic so equal inputs give equal instants.</summary>
    public DateTimeOffset ToWallClock(ulong startTimeTicks) =>
        BootTime + TimeSpan.FromTicks((long)(startTimeTicks * TimeSpan.TicksPerSecond / (ulong)ClockTicksPerSecond));
}
