namespace McpOtelAgent.Probes.Portable;

/// <summary>
/// The process list as <see cref="System.Diagnostics.Process.GetProcesses()"/> gives it: keys and names only. It knows
/// no parents, so trees are not found and <see cref="ChildrenOf"/> is always empty; command lines are unknown.
/// </summary>
internal sealed class PortableProcessSweep(DateTimeOffset timestamp, Dictionary<int, (ProcessKey Key, string Name)> processes)
    : ProcessSweep
{
    private readonly ProcessKey[] _keys = [.. processes.Values.Select(p => p.Key)];

    public override DateTimeOffset Timestamp { get; } = timestamp;

    public override IReadOnlyCollection<ProcessKey> Processes => _keys;

    public override bool TryGetKey(int pid, out ProcessKey key)
    {
        var found = processes.TryGetValue(pid, out var entry);
        key = entry.Key;
        return found;
    }

    public override bool TryGetParent(int pid, out int parentPid)
    {
        parentPid = 0;
        return false;
    }

    public override IReadOnlyList<int> ChildrenOf(int pid) => [];

    public override void CollectDescendants(int pid, List<int> into)
    {
    }

    public override string GetCommandLine(int pid) => string.Empty;

    public override string GetName(int pid) => processes.TryGetValue(pid, out var entry) ? entry.Name : string.Empty;
}
