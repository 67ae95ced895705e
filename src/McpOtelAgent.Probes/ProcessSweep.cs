namespace McpOtelAgent.Probes;

/// <summary>
/// One scan of the process table, shared by every read of a sampling sweep: which processes exist (as keys),
/// who is whose parent, and, on first need, the command lines that targets match against.
/// </summary>
internal abstract class ProcessSweep
{
    /// <summary>When the scan was taken.</summary>
    public abstract DateTimeOffset Timestamp { get; }

    /// <summary>Every process seen, by key.</summary>
    public abstract IReadOnlyCollection<ProcessKey> Processes { get; }

    /// <summary>The current key of a pid, if the pid is alive.</summary>
    public abstract bool TryGetKey(int pid, out ProcessKey key);

    /// <summary>Parent pid of a live process (0 for the roots).</summary>
    public abstract bool TryGetParent(int pid, out int parentPid);

    /// <summary>Direct children of a pid, in pid order; valid until the next sweep (copy what must outlive it).</summary>
    public abstract IReadOnlyList<int> ChildrenOf(int pid);

    /// <summary>Adds every descendant of a pid, depth first, to <paramref name="into"/>.</summary>
    public abstract void CollectDescendants(int pid, List<int> into);

    /// <summary>Command line of a pid joined by spaces (empty for kernel threads), read once per sweep and cached.</summary>
    public abstract string GetCommandLine(int pid);

    /// <summary>The <c>comm</c> name of a pid.</summary>
    public abstract string GetName(int pid);
}
