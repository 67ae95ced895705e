using McpOtelAgent.Probes.Linux;

namespace McpOtelAgent.Probes.Tests.Linux;

[Collection(FdCountCollection.Name)]
public sealed class LinuxProcessProbeFdBoundTests : IDisposable
{
    private const int Sleepers = 200;
    private const int Targets = 3;

    /// <summary>A pid directory plus every file a target keeps open (stat, statm, status, io, limits, cmdline, fd/).</summary>
    private const int FilesPerTarget = 8;

    private readonly ChildProcesses _children = new();

    public void Dispose()
    {
        _children.Dispose();
    }

    [Fact]
    public void BeginSweep_ManyProcessesMatchedByCommandLine_KeepsFilesOnlyOfReadTargets()
    {
        StartSleepers();
        using var probe = new LinuxProcessProbe();

        for (var round = 0; round < 3; round++)
        {
            var sweep = probe.BeginSweep();
            foreach (var key in sweep.Processes)
            {
                sweep.GetCommandLine(key.Pid);
            }

            foreach (var target in _children.All.Take(Targets))
            {
                Assert.True(sweep.TryGetKey(target.Pid, out var key));
                Assert.Equal(ProbeOutcome.Ok, probe.Read(key, ProbeParts.Extended, sweep).Outcome);
            }
        }

        var bound = (Targets * FilesPerTarget) + 4;
        Assert.InRange(ProcDescriptorsOfThisProcess(), 0, bound);
        Assert.InRange(probe.OpenFds, 1, bound);
        Assert.True(probe.HoldsFilesOf(_children.All[0].Pid));
        Assert.False(probe.HoldsFilesOf(_children.All[^1].Pid));
    }

    [Fact]
    public void Read_ProbeThatKeepsNothingOpen_HoldsOnlyItsRoot()
    {
        StartSleepers();
        using var probe = new LinuxProcessProbe(maxOpenFds: 0);

        var sweep = probe.BeginSweep();
        foreach (var child in _children.All)
        {
            Assert.True(sweep.TryGetKey(child.Pid, out var key));
            Assert.Equal(["/bin/sleep", "1000"], probe.Read(key, ProbeParts.Cmdline, sweep).Snapshot!.Cmdline);
            Assert.Equal("/bin/sleep 1000", sweep.GetCommandLine(child.Pid));
        }

        Assert.Equal(1, probe.OpenFds);
    }

    [Fact]
    public void GetCommandLine_UnchangedProcessOverTwoSweeps_ReturnsTheSameString()
    {
        var sleeper = _children.Track(ChildProcess.Start("/bin/sleep", "1000")).WaitUntilSleeping();
        using var probe = new LinuxProcessProbe();

        var first = probe.BeginSweep().GetCommandLine(sleeper.Pid);
        var second = probe.BeginSweep().GetCommandLine(sleeper.Pid);

        Assert.Equal("/bin/sleep 1000", first);
        Assert.Same(first, second);
    }

    /// <summary>Entries of /proc/self/fd that point into /proc: what the probe holds, whatever its own counter says.</summary>
    private static int ProcDescriptorsOfThisProcess()
    {
        var count = 0;
        foreach (var entry in new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos())
        {
            if (entry.LinkTarget is { } target && target.StartsWith("/proc/", StringComparison.Ordinal))
            {
                count++;
            }
        }

        return count;
    }

    private void StartSleepers()
    {
        for (var i = 0; i < Sleepers; i++)
        {
            _children.Track(ChildProcess.Start("/bin/sleep", "1000"));
        }

        // exec may still be under way right after start: wait until every child shows its final command line.
        foreach (var child in _children.All)
        {
            ChildProcess.WaitUntilSleeping(child.Pid, "sleep");
        }
    }
}
