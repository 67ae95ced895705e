using System.Globalization;
using System.Text;
using McpOtelAgent.Probes.Linux;

namespace McpOtelAgent.Probes.Tests.Linux;

public sealed class LinuxProcessProbeFixtureTests : IDisposable
{
    private const int Python = 14356;
    private const int Zombie = 14357;
    private const int KernelThread = 2;

    private readonly List<IDisposable> _disposables = [];

    public void Dispose()
    {
        for (var i = _disposables.Count - 1; i >= 0; i--)
        {
            _disposables[i].Dispose();
        }
    }

    [Fact]
    public void BeginSweep_Fixture_ListsEveryParsableProcessWithParentsAndNames()
    {
        var (_, probe) = Fixture();

        var sweep = probe.BeginSweep();

        Assert.Equal(
            [KernelThread, 1001, 1004, 1006, Python, Zombie],
            sweep.Processes.Select(k => k.Pid).Order().ToArray());
        Assert.True(sweep.TryGetKey(Python, out var key));
        Assert.Equal(new ProcessKey(Python, 89266), key);
        Assert.True(sweep.TryGetParent(Zombie, out var parent));
        Assert.Equal(Python, parent);
        Assert.Equal([Zombie], sweep.ChildrenOf(Python));
        Assert.Equal("(a b ) ( c d) ", sweep.GetName(1001));
        Assert.Equal("kthreadd", sweep.GetName(KernelThread));
        Assert.StartsWith("/usr/bin/python3 -c ", sweep.GetCommandLine(Python), StringComparison.Ordinal);
        Assert.Equal(string.Empty, sweep.GetCommandLine(KernelThread));
        Assert.False(sweep.TryGetKey(1005, out _));
    }

    [Fact]
    public void BeginSweep_ReadsAStatOnFirstNeed_AndEveryStatOnlyForTheWholeTable()
    {
        var fixture = Track(ProcFixture.Copy());
        var probe = Probe(fixture.Root);
        var sweep = probe.BeginSweep();
        Assert.True(sweep.TryGetKey(Python, out _));

        // Gone after the listing, before anyone asked for it: a sweep that read every stat up front would still hold it.
        File.Delete(fixture.At("1001", "stat"));

        Assert.Equal([KernelThread, 1004, 1006, Python, Zombie], sweep.Processes.Select(k => k.Pid).Order().ToArray());
        Assert.Equal([Zombie], sweep.ChildrenOf(Python));
    }

    [Fact]
    public void Read_ReusingTheDetails_ReusesTheChildrenUnlessTheSweepIndexedThemAnyway()
    {
        var fixture = Track(ProcFixture.Copy());
        var probe = Probe(fixture.Root);
        var key = new ProcessKey(Python, 89266);
        Assert.Equal([Zombie], probe.Read(key, ProbeParts.Extended, probe.BeginSweep()).Snapshot!.Children);
        File.Delete(fixture.At(Zombie.ToString(CultureInfo.InvariantCulture), "stat"));

        var sweep = probe.BeginSweep();
        var reused = probe.Read(key, ProbeParts.Extended, sweep, ProbeParts.Details).Snapshot!;
        sweep.CollectDescendants(Python, []);
        var indexed = probe.Read(key, ProbeParts.Extended, sweep, ProbeParts.Details).Snapshot!;

        Assert.Equal([Zombie], reused.Children);
        Assert.Empty(indexed.Children);
    }

    [Fact]
    public void Read_CapturedPython_ReadsEveryExtendedPart()
    {
        var (_, probe) = Fixture();
        var sweep = probe.BeginSweep();

        var result = probe.Read(new ProcessKey(Python, 89266), ProbeParts.Extended, sweep);

        Assert.Equal(ProbeOutcome.Ok, result.Outcome);
        Assert.Equal(ProbeParts.None, result.MissingParts);
        var s = result.Snapshot!;
        var page = (ulong)Environment.SystemPageSize;
        Assert.Equal("python3", s.Name);
        Assert.Equal(ProcessState.Sleeping, s.State);
        Assert.Equal(14351, s.ParentPid);
        Assert.Equal(0.01, s.CpuUserSeconds, 6);
        Assert.Equal(1205UL, s.MinorFaults);
        Assert.Equal(14561280UL, s.VirtualMemoryBytes);
        Assert.Equal(2400 * page, s.ResidentMemoryBytes);
        Assert.Equal(1440 * page, s.SharedMemoryBytes);
        Assert.Equal(2400.0 * page * 100 / (24684084.0 * 1024), s.MemoryPercent, 9);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795623688).AddMilliseconds(892_660), s.CreateTime);
        Assert.Equal(0, s.Uid);
        Assert.Equal("root", s.UserName);
        Assert.Equal(2UL, s.VoluntaryContextSwitches);
        Assert.Equal(new IoCounters(59, 2, 0, 0, 377374, 6), s.Io);
        Assert.Equal(7, s.OpenFileDescriptors);
        Assert.Equal(1, s.OpenFiles);
        Assert.Equal(1, s.InetConnections);
        Assert.Equal(20000UL, s.FileDescriptorLimit);
        Assert.Equal(4, s.Cmdline.Count);
        Assert.Equal("/usr/bin/python3.11", s.Exe);
        Assert.Equal("/tmp", s.Cwd);
        Assert.Equal([Zombie], s.Children);
    }

    [Fact]
    public void Read_KernelThread_HasEmptyCmdlineAndNoExe()
    {
        var (_, probe) = Fixture();

        var result = probe.Read(new ProcessKey(KernelThread, 24), ProbeParts.Extended, probe.BeginSweep());

        Assert.Equal(ProbeOutcome.Ok, result.Outcome);
        Assert.Equal("kthreadd", result.Snapshot!.Name);
        Assert.Empty(result.Snapshot.Cmdline);
        Assert.Null(result.Snapshot.Exe);
        Assert.Equal("/", result.Snapshot.Cwd);
        Assert.Equal(0, result.Snapshot.OpenFileDescriptors);
        Assert.Equal(1024UL, result.Snapshot.FileDescriptorLimit);
    }

    [Fact]
    public void Read_Zombie_IsZombieWithNothingOpen()
    {
        var (_, probe) = Fixture();

        var result = probe.Read(new ProcessKey(Zombie, 89267), ProbeParts.Extended, probe.BeginSweep());

        Assert.Equal(ProbeOutcome.Ok, result.Outcome);
        Assert.Equal(ProcessState.Zombie, result.Snapshot!.State);
        Assert.Empty(result.Snapshot.Cmdline);
        Assert.Null(result.Snapshot.Exe);
        Assert.Null(result.Snapshot.Cwd);
        Assert.Equal(0, result.Snapshot.OpenFileDescriptors);
        Assert.Equal(0UL, result.Snapshot.ResidentMemoryBytes);
    }

    [Fact]
    public void Read_HostileFds_CountsAsPsutil()
    {
        var (_, probe) = Fixture();

        var result = probe.Read(new ProcessKey(1001, 89266), ProbeParts.Extended, probe.BeginSweep());

        // 7 fds: a deleted file and a directory are not open files, /etc/passwd is; socket:[999999] is in no inet
        // table and socket:[68199] on two fds is one connection.
        Assert.Equal(ProbeOutcome.Ok, result.Outcome);
        Assert.Equal("(a b ) ( c d) ", result.Snapshot!.Name);
        Assert.Equal(7, result.Snapshot.OpenFileDescriptors);
        Assert.Equal(1, result.Snapshot.OpenFiles);
        Assert.Equal(1, result.Snapshot.InetConnections);
    }

    [Fact]
    public void Read_InetTablesUnreadable_ReportsConnectionsMissingNotZero()
    {
        var (fixture, probe) = Fixture();
        Directory.Delete(fixture.At("net"), recursive: true);

        var result = probe.Read(new ProcessKey(1001, 89266), ProbeParts.Extended, probe.BeginSweep());

        Assert.Equal(ProbeOutcome.Partial, result.Outcome);
        Assert.Equal(ProbeParts.FdTargets, result.MissingParts);
        Assert.Null(result.Snapshot!.InetConnections);
        Assert.Equal(1, result.Snapshot.OpenFiles);
        Assert.Equal(7, result.Snapshot.OpenFileDescriptors);
    }

    [Fact]
    public void Read_UnreadableIo_IsPartialWithTheRest()
    {
        var (_, probe) = Fixture();

        var result = probe.Read(new ProcessKey(1004, 89266), ProbeParts.Extended, probe.BeginSweep());

        Assert.Equal(ProbeOutcome.Partial, result.Outcome);
        Assert.Equal(ProbeParts.Io, result.MissingParts);
        Assert.Null(result.Snapshot!.Io);
        Assert.NotNull(result.Snapshot.VoluntaryContextSwitches);
        Assert.Equal("/tmp", result.Snapshot.Cwd);
    }

    [Fact]
    public void Read_MalformedStat_IsMalformedNamingTheFile()
    {
        var (fixture, probe) = Fixture();

        var result = probe.Read(new ProcessKey(1005, 1), ProbeParts.Extended, probe.BeginSweep());

        Assert.Equal(ProbeOutcome.Malformed, result.Outcome);
        Assert.Null(result.Snapshot);
        Assert.Equal($"{fixture.Root}/1005/stat: field 14 is not a number", result.Error);
    }

    [Fact]
    public void Read_MalformedStatm_KeepsTheRestAndNamesTheFile()
    {
        var (fixture, probe) = Fixture();

        var result = probe.Read(new ProcessKey(1006, 89266), ProbeParts.Extended, probe.BeginSweep());

        Assert.Equal(ProbeOutcome.Malformed, result.Outcome);
        Assert.Equal(ProbeParts.Statm, result.MissingParts);
        Assert.StartsWith($"{fixture.Root}/1006/statm: ", result.Error, StringComparison.Ordinal);
        Assert.Null(result.Snapshot!.SharedMemoryBytes);
        Assert.Equal(0, result.Snapshot.OpenFileDescriptors);
        Assert.Equal(20000UL, result.Snapshot.FileDescriptorLimit);
    }

    [Theory]
    [InlineData(Python, 1)]
    [InlineData(99999, 1)]
    public void Read_KeyNotMatchingAnyProcess_IsGone(int pid, ulong startTime)
    {
        var (_, probe) = Fixture();

        var result = probe.Read(new ProcessKey(pid, startTime), ProbeParts.Extended, probe.BeginSweep());

        Assert.Equal(ProbeOutcome.Gone, result.Outcome);
        Assert.Null(result.Snapshot);
    }

    [Fact]
    public void Read_PidWhoseStartTimeChanged_IsGoneAndTheNewKeyReads()
    {
        var (probe, oldKey) = ProbeWhosePythonPidWasReused();
        var sweep = probe.BeginSweep();

        Assert.Equal(ProbeOutcome.Gone, probe.Read(oldKey, ProbeParts.Extended, sweep).Outcome);
        Assert.True(sweep.TryGetKey(Python, out var newKey));
        Assert.Equal(99999UL, newKey.StartTimeTicks);
        Assert.Equal(ProbeOutcome.Ok, probe.Read(newKey, ProbeParts.Extended, sweep).Outcome);
    }

    [Fact]
    public void Read_PidReusedAndNotAskedOfTheSweepFirst_IsGoneAndKeepsNoDescriptorOfIt()
    {
        var (probe, oldKey) = ProbeWhosePythonPidWasReused();

        var result = probe.Read(oldKey, ProbeParts.Extended, probe.BeginSweep());

        Assert.Equal(ProbeOutcome.Gone, result.Outcome);
        Assert.False(probe.HoldsFilesOf(Python));
        Assert.Equal(1, probe.OpenFds);
    }

    [Fact]
    public void Read_ProcessGoneWhenTheChildIndexListsProc_IsGoneAndKeepsNoDescriptorOfIt()
    {
        // Its kept stat still reads (the files stay open), so the sweep takes it without listing; the listing that
        // the children need then no longer shows it, and closes its handles halfway through the read.
        var fixture = Track(ProcFixture.Copy());
        var probe = Probe(fixture.Root);
        var key = new ProcessKey(Python, 89266);
        Assert.Equal(ProbeOutcome.Ok, probe.Read(key, ProbeParts.Extended, probe.BeginSweep()).Outcome);
        var sweep = probe.BeginSweep();
        Assert.True(sweep.TryGetKey(Python, out _));
        var directory = fixture.At(Python.ToString(CultureInfo.InvariantCulture));
        Directory.Move(directory, directory + "-gone");

        var result = probe.Read(key, ProbeParts.Extended, sweep);
        Directory.Move(directory + "-gone", directory);

        Assert.Equal(ProbeOutcome.Gone, result.Outcome);
        Assert.False(probe.HoldsFilesOf(Python));
        Assert.Equal(1, probe.OpenFds);
    }

    [Fact]
    public void Read_PidReusedReadOutsideTheLatestSweep_KeepsNoDescriptorOfTheNewcomer()
    {
        // A sweep takes a pid with kept handles for a process without listing /proc, so handles must only ever be kept
        // for a key some listing gave: the newcomer could be a thread, whose /proc/[tid] opens as well.
        var (probe, oldKey) = ProbeWhosePythonPidWasReused();
        var stale = probe.BeginSweep();
        probe.BeginSweep();
        Assert.False(probe.HoldsFilesOf(Python));

        Assert.Equal(ProbeOutcome.Gone, probe.Read(oldKey, ProbeParts.Extended, stale).Outcome);

        Assert.False(probe.HoldsFilesOf(Python));
        var sweep = Assert.IsType<LinuxProcessSweep>(probe.BeginSweep());
        Assert.True(sweep.TryGetKey(Python, out var newKey));
        Assert.Equal(99999UL, newKey.StartTimeTicks);
        Assert.True(sweep.HasListed);
    }

    /// <summary>
    /// A probe that read the captured Python process, whose stat then reads as a newcomer on the same pid (start time
    /// 99999): rewritten in place, as the kept-open stat would see a new process under the same pid.
    /// </summary>
    private (LinuxProcessProbe Probe, ProcessKey OldKey) ProbeWhosePythonPidWasReused()
    {
        var fixture = Track(ProcFixture.Copy());
        var probe = Probe(fixture.Root);
        var oldKey = new ProcessKey(Python, 89266);
        Assert.Equal(ProbeOutcome.Ok, probe.Read(oldKey, ProbeParts.Extended, probe.BeginSweep()).Outcome);
        var stat = fixture.At(Python.ToString(CultureInfo.InvariantCulture), "stat");
        File.WriteAllText(stat, File.ReadAllText(stat).Replace(" 89266 ", " 99999 ", StringComparison.Ordinal));
        return (probe, oldKey);
    }

    [Fact]
    public void Read_CmdlineLargerThanFirstBuffer_ReadsItWhole()
    {
        var fixture = Track(ProcFixture.Copy());
        var argument = new string('x', 100_000);
        File.WriteAllText(fixture.At(Python.ToString(CultureInfo.InvariantCulture), "cmdline"), $"big\0{argument}\0");
        var probe = Probe(fixture.Root);

        var result = probe.Read(new ProcessKey(Python, 89266), ProbeParts.Cmdline, probe.BeginSweep());

        Assert.Equal(ProbeOutcome.Ok, result.Outcome);
        Assert.Equal(["big", argument], result.Snapshot!.Cmdline);
    }

    [Fact]
    public void Read_CmdlineBeyondTheCap_IsCutAtTheCap()
    {
        var fixture = Track(ProcFixture.Copy());
        var huge = new StringBuilder();
        for (var i = 0; huge.Length < 2 * LinuxProcessProbe.CmdlineMaxBytes; i++)
        {
            huge.Append("argument").Append(i).Append('\0');
        }

        File.WriteAllText(fixture.At(Python.ToString(CultureInfo.InvariantCulture), "cmdline"), huge.ToString());
        var probe = Probe(fixture.Root);

        var result = probe.Read(new ProcessKey(Python, 89266), ProbeParts.Extended, probe.BeginSweep());

        Assert.Equal(ProbeOutcome.Ok, result.Outcome);
        var cmdline = result.Snapshot!.Cmdline;
        Assert.Equal("argument0", cmdline[0]);
        Assert.Equal(LinuxProcessProbe.CmdlineMaxBytes, cmdline.Sum(a => a.Length + 1) - 1);
        Assert.True(cmdline.Count > 10_000);
    }

    [Fact]
    public void System_FixtureRoot_ReadsMemTotalBootTimeAndCgroupQuota()
    {
        var fixture = Track(ProcFixture.Copy());
        Directory.CreateDirectory(fixture.At("self"));
        File.WriteAllText(fixture.At("self", "cgroup"), "0::/agent.slice\n");
        var cgroupRoot = fixture.At("cgroupfs");
        Directory.CreateDirectory(Path.Combine(cgroupRoot, "agent.slice"));
        File.WriteAllText(Path.Combine(cgroupRoot, "agent.slice", "cpu.max"), "50000 100000\n");

        var system = Track(new LinuxProcessProbe(fixture.Root, cgroupRoot)).System;

        Assert.Equal(24684084UL * 1024, system.MemTotalBytes);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795623688), system.BootTime);
        Assert.Equal(0.5, system.CpusAvailable);
        Assert.Equal(100, system.ClockTicksPerSecond);
        Assert.Equal(Environment.SystemPageSize, system.PageSizeBytes);
    }

    [Fact]
    public void System_CgroupV1Quota_CapsCpus()
    {
        var fixture = Track(ProcFixture.Copy());
        Directory.CreateDirectory(fixture.At("self"));
        File.WriteAllText(fixture.At("self", "cgroup"), "4:cpu,cpuacct:/job\n0::/\n");
        var cgroupRoot = fixture.At("cgroupfs");
        var group = Path.Combine(cgroupRoot, "cpu,cpuacct", "job");
        Directory.CreateDirectory(group);
        File.WriteAllText(Path.Combine(group, "cpu.cfs_quota_us"), "25000\n");
        File.WriteAllText(Path.Combine(group, "cpu.cfs_period_us"), "100000\n");

        Assert.Equal(0.25, Track(new LinuxProcessProbe(fixture.Root, cgroupRoot)).System.CpusAvailable);
    }

    private LinuxProcessProbe Probe(string root) => Track(new LinuxProcessProbe(root, cgroupRoot: "/nonexistent"));

    private (ProcFixture Fixture, LinuxProcessProbe Probe) Fixture()
    {
        var fixture = Track(ProcFixture.Copy());
        return (fixture, Probe(fixture.Root));
    }

    private T Track<T>(T disposable)
        where T : IDisposable
    {
        _disposables.Add(disposable);
        return disposable;
    }
}
