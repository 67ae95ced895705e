using System.Globalization;
using McpOtelAgent.Probes.Linux;

namespace McpOtelAgent.Probes.Tests.Linux;

public sealed class LinuxProcessProbeLiveTests : IDisposable
{
    private readonly LinuxProcessProbe _probe = new();
    private readonly ChildProcesses _children = new();

    public void Dispose()
    {
        _children.Dispose();

        _probe.Dispose();
    }

    [Fact]
    public void Read_Sleeper_ReadsEveryExtendedPart()
    {
        var sleeper = _children.Track(ChildProcess.Start("/bin/sleep", "1000")).WaitUntilSleeping();
        var (key, sweep) = KeyOf(sleeper.Pid);

        var result = _probe.Read(key, ProbeParts.Extended, sweep);

        Assert.Equal(ProbeOutcome.Ok, result.Outcome);
        var snapshot = result.Snapshot!;
        Assert.Equal("sleep", snapshot.Name);
        Assert.Equal(["/bin/sleep", "1000"], snapshot.Cmdline);
        Assert.Equal(Environment.ProcessId, snapshot.ParentPid);
        Assert.Equal(ProcessState.Sleeping, snapshot.State);
        Assert.Equal(1, snapshot.ThreadCount);
        Assert.True(snapshot.ResidentMemoryBytes > 0);
        Assert.True(snapshot.SharedMemoryBytes > 0);
        Assert.True(snapshot.OpenFileDescriptors >= 3);
        Assert.Equal(0, snapshot.InetConnections);
        Assert.EndsWith("sleep", snapshot.Exe, StringComparison.Ordinal);
        Assert.Equal(Environment.CurrentDirectory, snapshot.Cwd);
        Assert.NotNull(snapshot.Io);
        Assert.NotNull(snapshot.FileDescriptorLimit);
        Assert.Equal(sweep.Timestamp.Date, snapshot.CreateTime.Date);
        Assert.Contains(sleeper.Pid, sweep.ChildrenOf(Environment.ProcessId));
    }

    [Fact]
    public void Read_CpuBurner_CpuTimeGrows()
    {
        var burner = _children.Track(ChildProcess.Python(Scripts.Burner));
        burner.WaitForLine("ready");
        var (key, sweep) = KeyOf(burner.Pid);
        var first = _probe.Read(key, ProbeParts.Basic, sweep).Snapshot!.CpuSeconds;

        var later = first;
        var deadline = Environment.TickCount64 + 30_000;
        while (later <= first && Environment.TickCount64 < deadline)
        {
            Thread.Sleep(20);
            later = _probe.Read(key, ProbeParts.Basic, _probe.BeginSweep()).Snapshot!.CpuSeconds;
        }

        Assert.True(later > first, $"CPU time stayed at {first} s");
        Assert.Equal(ProcessState.Running, StateWhileBurning(key));
    }

    [Fact]
    public void Read_ProcessHolding100Files_CountsFdsAndOpenFiles()
    {
        var holder = _children.Track(ChildProcess.Python(Scripts.OpenFiles, "100"));
        holder.WaitForLine("ready");
        var (key, sweep) = KeyOf(holder.Pid);

        var snapshot = _probe.Read(key, ProbeParts.Extended, sweep).Snapshot!;

        Assert.True(snapshot.OpenFileDescriptors >= 100, $"{snapshot.OpenFileDescriptors} fds");
        Assert.True(snapshot.OpenFiles >= 100, $"{snapshot.OpenFiles} open files");
    }

    [Fact]
    public void Read_FdCountAlone_EqualsTheCountOfTheListing()
    {
        var holder = _children.Track(ChildProcess.Python(Scripts.OpenFiles, "100"));
        holder.WaitForLine("ready");
        var (key, sweep) = KeyOf(holder.Pid);

        var counted = _probe.Read(key, ProbeParts.Basic, sweep).Snapshot!.OpenFileDescriptors;
        var listed = _probe.Read(key, ProbeParts.Basic | ProbeParts.FdTargets, sweep).Snapshot!.OpenFileDescriptors;

        Assert.True(counted >= 100, $"{counted} fds");
        Assert.Equal(listed, counted);
    }

    [Fact]
    public void Read_ReusingTheDetails_KeepsTheLastOpenFilesAndSwitchesWhileCountingFdsAfresh()
    {
        var holder = _children.Track(ChildProcess.Python(Scripts.OpensMoreFiles, "5"));
        holder.WaitForLine("ready");
        var (key, sweep) = KeyOf(holder.Pid);
        var first = _probe.Read(key, ProbeParts.Extended, sweep).Snapshot!;
        holder.Input.WriteLine();
        holder.Input.Flush();
        holder.WaitForLine("opened");

        // Blocked on stdin again: it may have found the line waiting without ever blocking, and only a block is a
        // voluntary switch.
        holder.WaitUntilSleeping();
        var reused = _probe.Read(key, ProbeParts.Extended, _probe.BeginSweep(), ProbeParts.Details);
        var fresh = _probe.Read(key, ProbeParts.Extended, _probe.BeginSweep());

        Assert.Equal(ProbeOutcome.Ok, reused.Outcome);
        Assert.Equal(ProbeParts.None, reused.MissingParts);
        Assert.Equal(first.OpenFiles, reused.Snapshot!.OpenFiles);
        Assert.Equal(first.Cmdline, reused.Snapshot.Cmdline);
        Assert.Equal(first.Exe, reused.Snapshot.Exe);
        Assert.Equal(first.FileDescriptorLimit, reused.Snapshot.FileDescriptorLimit);
        Assert.Equal(first.VoluntaryContextSwitches, reused.Snapshot.VoluntaryContextSwitches);
        Assert.Equal(first.OpenFileDescriptors + 10, reused.Snapshot.OpenFileDescriptors);
        Assert.Equal(first.OpenFiles + 10, fresh.Snapshot!.OpenFiles);
        Assert.True(fresh.Snapshot.VoluntaryContextSwitches > first.VoluntaryContextSwitches, "it slept on stdin in between");
    }

    [Fact]
    public void Read_ReusingTheDetailsAfterAnExec_ReadsTheNewProgramsDetails()
    {
        var python = _children.Track(ChildProcess.Python(Scripts.ExecsSleepOnRequest));
        python.WaitForLine("ready");
        var (key, sweep) = KeyOf(python.Pid);
        Assert.Contains("python3", _probe.Read(key, ProbeParts.Extended, sweep).Snapshot!.Exe, StringComparison.Ordinal);
        python.Input.WriteLine();
        python.Input.Flush();
        ChildProcess.WaitUntilSleeping(python.Pid, "sleep");

        var after = _probe.Read(key, ProbeParts.Extended, _probe.BeginSweep(), ProbeParts.Details).Snapshot!;

        Assert.Equal("sleep", after.Name);
        Assert.Equal(["/bin/sleep", "1000"], after.Cmdline);
        Assert.EndsWith("sleep", after.Exe, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ReusingTheDetailsOfAProcessNeverRead_ReadsIt()
    {
        var sleeper = _children.Track(ChildProcess.Start("/bin/sleep", "1000")).WaitUntilSleeping();
        var (key, sweep) = KeyOf(sleeper.Pid);

        var result = _probe.Read(key, ProbeParts.Extended, sweep, ProbeParts.Details);

        Assert.Equal(ProbeOutcome.Ok, result.Outcome);
        var snapshot = result.Snapshot!;
        Assert.Equal(["/bin/sleep", "1000"], snapshot.Cmdline);
        Assert.EndsWith("sleep", snapshot.Exe, StringComparison.Ordinal);
        Assert.Equal(Environment.CurrentDirectory, snapshot.Cwd);
        Assert.Equal(0, snapshot.OpenFiles);
        Assert.Equal(0, snapshot.InetConnections);
        Assert.NotNull(snapshot.FileDescriptorLimit);
    }

    [Fact]
    public void Read_TcpListener_CountsInetConnections()
    {
        var listener = _children.Track(ChildProcess.Python(Scripts.Listener));
        listener.WaitForLine("ready");
        var (key, sweep) = KeyOf(listener.Pid);

        var snapshot = _probe.Read(key, ProbeParts.Extended, sweep).Snapshot!;

        // A listener, both ends of one connection, and a UDP socket over IPv6.
        Assert.Equal(4, snapshot.InetConnections);
    }

    [Fact]
    public void Read_SocketsInAnotherNetworkNamespace_CountsItsInetSocketsOnly()
    {
        // unshare(1) execs Python in a network namespace of its own (needs root, as the suite does): the agent's
        // namespace's tables do not hold its sockets, so only asking each socket its protocol finds them.
        var isolated = _children.Track(ChildProcess.Start("unshare", "--net", "/usr/bin/python3", "-c", Scripts.WildcardListener));
        isolated.WaitForLine("ready");
        var (key, sweep) = KeyOf(isolated.Pid);

        var snapshot = _probe.Read(key, ProbeParts.Extended, sweep).Snapshot!;

        Assert.Equal(2, snapshot.InetConnections);
    }

    [Fact]
    public void BeginSweep_ParentWithChildren_FindsTheTree()
    {
        var parent = _children.Track(ChildProcess.Python(Scripts.Tree));
        var pids = parent.WaitForLine("ready").Split(' ')[1..].Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        var sweep = _probe.BeginSweep();

        var descendants = new List<int>();
        sweep.CollectDescendants(parent.Pid, descendants);

        Assert.Equal(pids[..3].Order(), sweep.ChildrenOf(parent.Pid));
        Assert.Equal(pids.Order(), descendants.Order());
        Assert.True(sweep.TryGetKey(pids[0], out var child));
        Assert.Equal(pids[..3].Order(), _probe.Read(sweep.TryGetKey(parent.Pid, out var key) ? key : default, ProbeParts.Stat | ProbeParts.Children, sweep).Snapshot!.Children);
        Assert.Equal(parent.Pid, _probe.Read(child, ProbeParts.Stat, sweep).Snapshot!.ParentPid);
        Assert.Equal("/bin/sh -c /bin/sleep 1000; :", sweep.GetCommandLine(pids[2]));
    }

    [Fact]
    public void Read_SnapshotChildren_StayAsReadAfterLaterSweeps()
    {
        var parent = _children.Track(ChildProcess.Python(Scripts.Tree));
        var pids = parent.WaitForLine("ready").Split(' ')[1..4].Select(p => int.Parse(p, CultureInfo.InvariantCulture)).Order().ToArray();
        var (key, sweep) = KeyOf(parent.Pid);
        var snapshot = _probe.Read(key, ProbeParts.Stat | ProbeParts.Children, sweep).Snapshot!;

        // One more child of this test process sorts before the tree's in the next sweep's child index.
        _children.Track(ChildProcess.Start("/bin/sleep", "1000")).WaitUntilSleeping();
        Assert.Equal(pids, _probe.BeginSweep().ChildrenOf(parent.Pid));

        Assert.Equal(pids, snapshot.Children);
    }

    [Fact]
    public void Read_Zombie_IsZombie()
    {
        var parent = _children.Track(ChildProcess.Python(Scripts.Zombie));
        var zombie = int.Parse(parent.WaitForLine("ready").Split(' ')[1], CultureInfo.InvariantCulture);
        var (key, sweep) = KeyOf(zombie);

        var result = _probe.Read(key, ProbeParts.Extended, sweep);

        Assert.True(result.HasSnapshot, result.Error);
        Assert.Equal(ProcessState.Zombie, result.Snapshot!.State);
        Assert.Empty(result.Snapshot.Cmdline);
        Assert.Null(result.Snapshot.Exe);
    }

    [Fact]
    public void Read_ProcessThatExited_IsGoneWithoutException()
    {
        var sleeper = _children.Track(ChildProcess.Start("/bin/sleep", "1000"));
        var (key, sweep) = KeyOf(sleeper.Pid);
        Assert.Equal(ProbeOutcome.Ok, _probe.Read(key, ProbeParts.Extended, sweep).Outcome);

        sleeper.Kill();

        Assert.Equal(ProbeOutcome.Gone, _probe.Read(key, ProbeParts.Extended, sweep).Outcome);
        Assert.Equal(ProbeOutcome.Gone, _probe.Read(key, ProbeParts.Extended, _probe.BeginSweep()).Outcome);
    }

    [Fact]
    public void Read_ProcessExitingWhileRead_IsOkUntilGone()
    {
        // Short-lived processes read back to back: every read lands before, during or after the exit, and each
        // must give a whole snapshot or Gone, never an exception or a torn read.
        for (var round = 0; round < 20; round++)
        {
            using var child = ChildProcess.Start("/bin/sh", "-c", "i=0; while [ $i -lt 300 ]; do i=$((i+1)); done");
            if (!TryKeyOf(child.Pid, out var key, out var sweep))
            {
                continue;
            }

            ProbeResult result;
            do
            {
                result = _probe.Read(key, ProbeParts.Extended, sweep);
                Assert.True(result.Outcome is ProbeOutcome.Ok or ProbeOutcome.Gone or ProbeOutcome.Partial, $"{result.Outcome}: {result.Error}");
                Assert.Equal(result.Outcome != ProbeOutcome.Gone, result.HasSnapshot);
            }
            while (result.Outcome != ProbeOutcome.Gone && !ExitedAndReaped(child));
        }
    }

    [Fact]
    public void Read_ReusedPid_IsGoneForTheOldKey()
    {
        var sleeper = _children.Track(ChildProcess.Start("/bin/sleep", "1000"));
        var (key, sweep) = KeyOf(sleeper.Pid);
        var reused = key with { StartTimeTicks = key.StartTimeTicks - 1 };

        Assert.Equal(ProbeOutcome.Gone, _probe.Read(reused, ProbeParts.Extended, sweep).Outcome);
        Assert.Equal(ProbeOutcome.Ok, _probe.Read(key, ProbeParts.Extended, sweep).Outcome);
    }

    [Fact]
    public void System_LiveHost_IsPlausible()
    {
        var system = _probe.System;

        Assert.True(system.MemTotalBytes > 0);
        Assert.InRange(system.CpusAvailable, 0.01, Environment.ProcessorCount);
        Assert.Equal(100, system.ClockTicksPerSecond);
        Assert.Equal(Environment.SystemPageSize, system.PageSizeBytes);
    }

    [Fact]
    public void TryGetKey_ProcessesThatExited_ClosesTheirFiles()
    {
        var sleepers = StartAndReadSleepers(10);
        foreach (var sleeper in sleepers)
        {
            sleeper.Kill();
        }

        var sweep = _probe.BeginSweep();

        Assert.All(sleepers, sleeper => Assert.False(sweep.TryGetKey(sleeper.Pid, out _)));
        Assert.All(sleepers, sleeper => Assert.False(_probe.HoldsFilesOf(sleeper.Pid)));
    }

    [Fact]
    public void BeginSweep_ProcessesNotAskedForDuringASweep_ClosesTheirFiles()
    {
        var sleepers = StartAndReadSleepers(3);

        _probe.BeginSweep();
        Assert.All(sleepers, sleeper => Assert.True(_probe.HoldsFilesOf(sleeper.Pid)));
        _probe.BeginSweep();

        Assert.All(sleepers, sleeper => Assert.False(_probe.HoldsFilesOf(sleeper.Pid)));
    }

    [Fact]
    public void TryGetKey_PidWithKeptFiles_AnswersWithoutListingProc()
    {
        var sleeper = StartAndReadSleepers(1)[0];
        var sweep = Assert.IsType<LinuxProcessSweep>(_probe.BeginSweep());

        Assert.True(sweep.TryGetKey(sleeper.Pid, out var early));
        Assert.Equal("sleep", sweep.GetName(sleeper.Pid));
        Assert.False(sweep.HasListed);

        Assert.Contains(early, sweep.Processes);
        Assert.True(sweep.HasListed);
        Assert.Equal("sleep", sweep.GetName(sleeper.Pid));
        Assert.True(sweep.TryGetKey(sleeper.Pid, out var listed));
        Assert.Equal(early, listed);
    }

    [Fact]
    public void TryGetKey_ThreadId_IsNoProcess()
    {
        // A pid without kept files needs the listing: /proc/[tid] opens for any thread, listed or not.
        var threaded = _children.Track(ChildProcess.Python("import threading,time; threading.Thread(target=time.sleep, args=(1000,)).start(); print('ready', flush=True); time.sleep(1000)"));
        threaded.WaitForLine("ready");
        var thread = Directory.GetDirectories($"/proc/{threaded.Pid}/task").Select(path => int.Parse(Path.GetFileName(path), CultureInfo.InvariantCulture)).First(tid => tid != threaded.Pid);

        var sweep = _probe.BeginSweep();

        Assert.True(File.Exists($"/proc/{thread}/stat"));
        Assert.False(sweep.TryGetKey(thread, out _));
        Assert.True(sweep.TryGetKey(threaded.Pid, out _));
    }

    private List<ChildProcess> StartAndReadSleepers(int count)
    {
        var sleepers = Enumerable.Range(0, count).Select(_ => _children.Track(ChildProcess.Start("/bin/sleep", "1000"))).ToList();
        var sweep = _probe.BeginSweep();
        foreach (var sleeper in sleepers)
        {
            Assert.True(sweep.TryGetKey(sleeper.Pid, out var key));
            Assert.Equal(ProbeOutcome.Ok, _probe.Read(key, ProbeParts.Extended, sweep).Outcome);
            Assert.True(_probe.HoldsFilesOf(sleeper.Pid));
        }

        return sleepers;
    }

    [Fact]
    public void CpusAvailableTo_ProcessPinnedToOneCpu_ReturnsAtMostOne()
    {
        var pinned = _children.Track(ChildProcess.Start("/usr/bin/taskset", "-c", "0", "/bin/sleep", "1000"));
        ChildProcess.WaitUntilSleeping(pinned.Pid, "sleep");
        var (key, sweep) = KeyOf(pinned.Pid);
        Assert.Equal(ProbeOutcome.Ok, _probe.Read(key, ProbeParts.Stat, sweep).Outcome);

        var cpus = _probe.CpusAvailableTo(key);

        Assert.InRange(cpus, 0.01, 1);
        Assert.Equal(cpus, _probe.CpusAvailableTo(key));
    }

    private static bool ExitedAndReaped(ChildProcess child) => !Directory.Exists($"/proc/{child.Pid}");

    private ProcessState StateWhileBurning(ProcessKey key)
    {
        // The burner is Running whenever it is on a CPU or runnable; one read in a few sees it so.
        for (var i = 0; i < 1000; i++)
        {
            var state = _probe.Read(key, ProbeParts.Stat, _probe.BeginSweep()).Snapshot!.State;
            if (state == ProcessState.Running)
            {
                return state;
            }
        }

        return ProcessState.Sleeping;
    }

    private (ProcessKey Key, ProcessSweep Sweep) KeyOf(int pid)
    {
        Assert.True(TryKeyOf(pid, out var key, out var sweep), $"pid {pid} not in the sweep");
        return (key, sweep);
    }

    private bool TryKeyOf(int pid, out ProcessKey key, out ProcessSweep sweep)
    {
        sweep = _probe.BeginSweep();
        return sweep.TryGetKey(pid, out key);
    }
}
