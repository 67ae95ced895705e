using McpOtelAgent.Probes;

namespace McpOtelAgent.Sampling;

/// <summary>
/// Cumulative counters of a whole target, built from per-process increments rather than summed afresh each sweep:
/// a plain sum over the tree drops whenever a child exits, which a Prometheus counter would read as a reset. Here
/// each process adds what it did since the last sample, so the totals only grow, across children coming and going
/// and across restarts of the server.
/// </summary>
internal sealed class CumulativeTotals
{
    private IoCounters _io;

    public double UserSeconds { get; private set; }

    public double SystemSeconds { get; private set; }

    public double CpuSeconds => UserSeconds + SystemSeconds;

    public ulong MinorFaults { get; private set; }

    public ulong MajorFaults { get; private set; }

    public ulong VoluntaryContextSwitches { get; private set; }

    public ulong InvoluntaryContextSwitches { get; private set; }

    public bool HasContextSwitches { get; private set; }

    public bool HasIo { get; private set; }

    public IoCounters Io => _io;

    /// <summary>Adds what a process did since <paramref name="before"/>, or its whole history when there is no earlier sample.</summary>
    public void Add(in ProcessCounters now, in ProcessCounters? before)
    {
        var b = before.GetValueOrDefault();
        var ticks = (double)now.TicksPerSecond;
        UserSeconds += Delta(now.UserTicks, b.UserTicks) / ticks;
        SystemSeconds += Delta(now.SystemTicks, b.SystemTicks) / ticks;
        MinorFaults += Delta(now.MinorFaults, b.MinorFaults);
        MajorFaults += Delta(now.MajorFaults, b.MajorFaults);
        if (now is { VoluntaryContextSwitches: { } voluntary, InvoluntaryContextSwitches: { } involuntary })
        {
            HasContextSwitches = true;
            VoluntaryContextSwitches += Delta(voluntary, before is null ? 0 : b.VoluntaryContextSwitches ?? voluntary);
            InvoluntaryContextSwitches += Delta(involuntary, before is null ? 0 : b.InvoluntaryContextSwitches ?? involuntary);
        }

        if (now.Io is { } io)
        {
            HasIo = true;
            // A process whose io became readable only now (it was denied before) starts counting from here.
            var from = before is null ? default : b.Io ?? io;
            _io = new IoCounters(
                _io.ReadCount + Delta(io.ReadCount, from.ReadCount),
                _io.WriteCount + Delta(io.WriteCount, from.WriteCount),
                _io.ReadBytes + Delta(io.ReadBytes, from.ReadBytes),
                _io.WriteBytes + Delta(io.WriteBytes, from.WriteBytes),
                _io.ReadChars + Delta(io.ReadChars, from.ReadChars),
                _io.WriteChars + Delta(io.WriteChars, from.WriteChars));
        }
    }

    private static ulong Delta(ulong now, ulong before) => now >= before ? now - before : 0;
}
