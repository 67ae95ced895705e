using McpOtelAgent.Probes.Linux;
using McpOtelAgent.Probes.Portable;
using McpOtelAgent.Probes.Tests.Linux;

namespace McpOtelAgent.Probes.Tests.Portable;

/// <summary>The System.Diagnostics.Process fallback, run here on Linux against the /proc probe as the reference.</summary>
public sealed class PortableProcessProbeTests : IDisposable
{
    private readonly PortableProcessProbe _probe = new();
    private readonly ChildProcess _sleeper = ChildProcess.Start("/bin/sleep", "1000");

    // Both probes must see sleep itself: read during its exec, the /proc probe saw another memory map than the
    // portable one a moment later (a rare failure of the memory comparison).
    public PortableProcessProbeTests() => ChildProcess.WaitUntilSleeping(_sleeper.Pid, "sleep");

    public void Dispose()
    {
        _sleeper.Dispose();
        _probe.Dispose();
    }

    [Fact]
    public void Read_Sleeper_GivesTheBasicSetAndSaysWhatIsMissing()
    {
        var sweep = _probe.BeginSweep();
        Assert.True(sweep.TryGetKey(_sleeper.Pid, out var key));

        var result = _probe.Read(key, ProbeParts.Extended, sweep);

        Assert.Equal(ProbeOutcome.Partial, result.Outcome);
        Assert.Equal(ProbeParts.Extended & ~ProbeParts.Stat, result.MissingParts);
        Assert.Equal("sleep", result.Snapshot!.Name);
        Assert.Equal("sleep", sweep.GetName(_sleeper.Pid));
        Assert.Equal(1, result.Snapshot.ThreadCount);
        Assert.True(result.Snapshot.ResidentMemoryBytes > 0);
        Assert.Equal(ProbeOutcome.Ok, _probe.Read(key, ProbeParts.Stat, sweep).Outcome);
    }

    [Fact]
    public void Read_Sleeper_AgreesWithTheProcProbeOnCreateTimeAndMemory()
    {
        using var linux = new LinuxProcessProbe();
        var linuxSweep = linux.BeginSweep();
        Assert.True(linuxSweep.TryGetKey(_sleeper.Pid, out var linuxKey));
        var reference = linux.Read(linuxKey, ProbeParts.Basic, linuxSweep).Snapshot!;
        var sweep = _probe.BeginSweep();
        Assert.True(sweep.TryGetKey(_sleeper.Pid, out var key));

        var snapshot = _probe.Read(key, ProbeParts.Stat, sweep).Snapshot!;

        // /proc/stat btime, the Linux probe's (and psutil's) origin, is in whole seconds: the two agree within one.
        Assert.InRange((snapshot.CreateTime - reference.CreateTime).Duration(), TimeSpan.Zero, TimeSpan.FromSeconds(1.05));
        Assert.Equal(reference.VirtualMemoryBytes, snapshot.VirtualMemoryBytes);
    }

    [Fact]
    public void Read_ExitedOrReusedKey_IsGone()
    {
        var sweep = _probe.BeginSweep();
        Assert.True(sweep.TryGetKey(_sleeper.Pid, out var key));

        Assert.Equal(ProbeOutcome.Gone, _probe.Read(key with { StartTimeTicks = key.StartTimeTicks + 10_000_000 }, ProbeParts.Stat, sweep).Outcome);
        _sleeper.Kill();
        Assert.Equal(ProbeOutcome.Gone, _probe.Read(key, ProbeParts.Stat, sweep).Outcome);
    }

    [Fact]
    public void BeginSweep_KnowsNoParents()
    {
        var sweep = _probe.BeginSweep();

        Assert.Contains(sweep.Processes, k => k.Pid == _sleeper.Pid);
        Assert.Empty(sweep.ChildrenOf(Environment.ProcessId));
        Assert.False(sweep.TryGetParent(_sleeper.Pid, out _));
    }
}
