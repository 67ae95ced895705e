namespace McpOtelAgent.Probes;

/// <summary>
/// Reads processes. One instance per agent; not thread-safe (the sampler is its only caller), because it keeps
/// buffers and open /proc files between samples.
/// </summary>
internal abstract class ProcessProbe : IDisposable
{
    /// <summary>Host facts, read once at construction.</summary>
    public abstract SystemInfo System { get; }

    /// <summary>What this probe can read on this OS; Linux reads every part, the portable fallback fewer.</summary>
    public abstract ProbeParts SupportedParts { get; }

    /// <summary>The probe for the OS the agent runs on: /proc on Linux, System.Diagnostics.Process elsewhere.</summary>
    /// <param name="timeProvider">Clock for sweep timestamps; the system clock when null.</param>
    /// <param name="keepFilesOpen">
    /// Whether /proc files of the processes it reads stay open between samples (the sampler, which re-reads its
    /// targets every interval); false for an occasional scanner such as discovery, which should hold none.
    /// </param>
    public static ProcessProbe CreateForCurrentOs(TimeProvider? timeProvider = null, bool keepFilesOpen = true) =>
        OperatingSystem.IsLinux()
            ? new Linux.LinuxProcessProbe(timeProvider: timeProvider, maxOpenFds: keepFilesOpen ? null : 0)
            : new Portable.PortableProcessProbe(timeProvider);

    /// <summary>
    /// Scans the process table once. Per-host work (pid list, parent→children map, socket inode table) is done
    /// here, once per sweep, never per process.
    /// </summary>
    public abstract ProcessSweep BeginSweep();

    /// <summary>
    /// CPUs a process may use, the denominator of its CPU utilization. This default is the agent's own
    /// (<see cref="SystemInfo.CpusAvailable"/>); a probe that can read another process's affinity overrides it.
    /// </summary>
    public virtual double CpusAvailableTo(ProcessKey key) => System.CpusAvailable;

    /// <summary>Reads the requested parts of one process. Gone when the pid is free or now holds another process.</summary>
    /// <param name="key">The process: pid and start time, so a reused pid is never read as the old process.</param>
    /// <param name="parts">What the snapshot must hold.</param>
    /// <param name="sweep">The sweep the key came from.</param>
    /// <param name="reuse">
    /// Parts of <see cref="ProbeParts.Details"/> that may come from this probe's previous read of the same process
    /// instead of /proc; a part never read for it (a new process) is read now. A probe that keeps nothing between reads
    /// reads everything.
    /// </param>
    public abstract ProbeResult Read(ProcessKey key, ProbeParts parts, ProcessSweep sweep, ProbeParts reuse = ProbeParts.None);

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
