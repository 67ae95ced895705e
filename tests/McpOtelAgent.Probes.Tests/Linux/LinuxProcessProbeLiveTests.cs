using McpOtelAgent.Probes.Linux;

namespace McpOtelAgent.Probes.Tests.Linux;

public sealed class LinuxProcessProbeLiveTests : IDisposable
{
    private readonly LinuxProcessProbe _probe = new();
    private readonly List<ChildProcess> _children = [];

    public void Dispose()
    {
        foreach (var child in _children)
        {
            child.Dispose();
        }

        _probe.Dispose();
    }

    [Fact]
    public void Read_Sleeper_ReadsEveryExtendedPart()
    {
        var sleeper = Track(ChildProcess.Start("/bin/sleep", "1000"));
        var sweep = _probe.BeginSweep();
        Assert.True(sweep.TryGetKey(sleeper.Pid, out var key));

        var result = _probe.Read(key, ProbeParts.Extended, sweep);

        Assert.Equal(ProbeOutcome.Ok, result.Outcome);
        var snapshot = result.Snapshot!;
        Assert.Equal("sleep", snapshot.Name);
        Assert.Equal(["/bin/sleep", "1000"], snapshot.Cmdline);
        Assert.Equal(Environment.ProcessId, snapshot.ParentPid);
        Assert.Equal(ProcessState.Sleeping, snapshot.State);
        Assert.Equal(1, snapshot.ThreadCount);
        Assert.True(snapshot.ResidentMemoryBytes > 0);
        Assert.True(snapshot.OpenFileDescriptors >= 3);
        Assert.Equal(0, snapshot.InetConnections);
        Assert.EndsWith("sleep", snapshot.Exe, StringComparison.Ordinal);
        Assert.Equal(Environment.CurrentDirectory, snapshot.Cwd);
        Assert.NotNull(snapshot.Io);
        Assert.NotNull(snapshot.FileDescriptorLimit);
        Assert.Contains(sleeper.Pid, sweep.ChildrenOf(Environment.ProcessId));
    }

    private ChildProcess Track(ChildProcess child)
    {
        _children.Add(child);
        return child;
    }
}
