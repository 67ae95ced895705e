using McpOtelAgent.Probes;

namespace McpOtelAgent.Discovery;

/// <summary>
/// Runs discovery scans with a probe of its own (a probe serves one caller at a time, and the sampler has its own).
/// Thread-safe: scans from the API, the CLI and the auto-attach loop take turns, each on a sweep of its own.
/// </summary>
internal sealed class DiscoveryScanner(ProcessProbe probe, McpProcessDetector detector) : IDisposable
{
    private readonly Lock _gate = new();

    /// <param name="monitoredPids">
    /// Every pid already in a target's tree, with that target's id, as of the sweep being scanned (called once, under
    /// the scanner's lock, before the detection).
    /// </param>
    public List<DiscoveredServer> Scan(Func<ProcessSweep, IReadOnlyDictionary<int, string>> monitoredPids)
    {
        lock (_gate)
        {
            var sweep = probe.BeginSweep();
            return detector.Detect(sweep, monitoredPids(sweep), pid =>
                sweep.TryGetKey(pid, out var key) && probe.Read(key, ProbeParts.Cmdline, sweep).Snapshot is { Cmdline.Count: > 0 } snapshot
                    ? snapshot.Cmdline
                    : null);
        }
    }

    public void Dispose() => probe.Dispose();
}
