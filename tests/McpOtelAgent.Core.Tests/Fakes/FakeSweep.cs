using McpOtelAgent.Probes;

namespace McpOtelAgent.Core.Tests.Fakes;

internal sealed class FakeSweep(DateTimeOffset timestamp, Dictionary<int, FakeProcess> processes, List<string> calls) : ProcessSweep
{
    public override DateTimeOffset Timestamp => timestamp;

    public override IReadOnlyCollection<ProcessKey> Processes => processes.Values.Select(p => p.Key).ToArray();

    public override bool TryGetKey(int pid, out ProcessKey key)
    {
        calls.Add($"key {pid}");
        key = processes.TryGetValue(pid, out var p) ? p.Key : default;
        return p is not null;
    }

    public override bool TryGetParent(int pid, out int parentPid)
    {
        parentPid = processes.TryGetValue(pid, out var p) ? p.ParentPid : 0;
        return p is not null;
    }

    public override IReadOnlyList<int> ChildrenOf(int pid) =>
        processes.Values.Where(p => p.ParentPid == pid).Select(p => p.Pid).Order().ToArray();

    public override void CollectDescendants(int pid, List<int> into)
    {
        foreach (var child in ChildrenOf(pid))
        {
            into.Add(child);
            CollectDescendants(child, into);
        }
    }

    public override string GetCommandLine(int pid) => processes.TryGetValue(pid, out var p) ? p.CommandLine : string.Empty;

    public override string GetName(int pid) => processes.TryGetValue(pid, out var p) ? p.Name : string.Empty;
}
