using McpOtelAgent.Probes;
using McpOtelAgent.Targets;

namespace McpOtelAgent.Sampling;

/// <summary>
/// What the sampler remembers of one target between sweeps: the counters of each process of the last up sample,
/// when it was taken, and the target's monotonic totals. Used by the sampler thread only.
/// </summary>
internal sealed class TargetTracker(TargetDefinition definition)
{
    // Two maps swapped each sample rather than a new one per sample per target.
    private Dictionary<ProcessKey, ProcessCounters> _previous = [];
    private Dictionary<ProcessKey, ProcessCounters> _next = [];
    private DateTimeOffset _previousTimestamp;
    private ProcessKey? _previousRoot;
    private bool _started;

    public TargetDefinition Definition => definition;

    public CumulativeTotals Totals { get; } = new();

    /// <summary>
    /// Folds a new up sample into the totals and returns the tree's CPU percent since the previous sample (psutil's
    /// definition: Δ CPU seconds / Δ wall seconds × 100, percent of one CPU), or null when there is no previous
    /// sample of the same root process to measure against: a first sample has no CPU percent, not a fake 0.
    /// </summary>
    public double? Advance(DateTimeOffset now, ProcessKey root, IReadOnlyList<ProcessSnapshot> processes)
    {
        var cpuBefore = Totals.CpuSeconds;
        var next = _next;
        next.Clear();
        foreach (var process in processes)
        {
            var counters = ProcessCounters.Of(process);
            next[process.Key] = counters;
            if (!_started)
            {
                Totals.Add(counters, before: null);
            }
            else if (_previous.TryGetValue(process.Key, out var before))
            {
                Totals.Add(counters, before);
            }
            else if (process.CreateTime >= _previousTimestamp)
            {
                // Born since the last sample: all of its work happened inside the interval.
                Totals.Add(counters, before: null);
            }

            // Otherwise the process joined the tree with a history we never saw: it counts from the next sample.
        }

        double? percent = null;
        var elapsed = (now - _previousTimestamp).TotalSeconds;
        if (_started && _previousRoot == root && elapsed > 0)
        {
            percent = (Totals.CpuSeconds - cpuBefore) / elapsed * 100;
        }

        (_previous, _next) = (next, _previous);
        _previousTimestamp = now;
        _previousRoot = root;
        _started = true;
        return percent;
    }

    /// <summary>
    /// The target is down: the next up sample has no CPU percent. The last up time stays, so the work of a restarted
    /// server (born after it) still reaches the totals.
    /// </summary>
    public void MarkDown()
    {
        _previous.Clear();
        _previousRoot = null;
    }
}
