using McpOtelAgent.Probes;

namespace McpOtelAgent.Sampling;

/// <summary>The cumulative counters of one process at one sample, in kernel units; null where the part was not read.</summary>
internal readonly record struct ProcessCounters(
    ulong UserTicks,
    ulong SystemTicks,
    long TicksPerSecond,
    ulong MinorFaults,
    ulong MajorFaults,
    ulong? VoluntaryContextSwitches,
    ulong? InvoluntaryContextSwitches,
    IoCounters? Io)
{
    public static ProcessCounters Of(ProcessSnapshot snapshot) => new(
        snapshot.UserTicks,
        snapshot.SystemTicks,
        snapshot.ClockTicksPerSecond,
        snapshot.MinorFaults,
        snapshot.MajorFaults,
        snapshot.VoluntaryContextSwitches,
        snapshot.InvoluntaryContextSwitches,
        snapshot.Io);
}
