using System.Globalization;
using System.Text.Json;
using McpOtelAgent.Probes.Linux;
using McpOtelAgent.Probes.Tests.Linux;

namespace McpOtelAgent.Probes.Tests.Psutil;

/// <summary>
/// Our probe and psutil read the same live processes: counts and strings must agree exactly; counters that move are
/// read by us before and after psutil and must bracket its value; memory within a page or two.
/// </summary>
public sealed class PsutilCrossCheckTests : IDisposable
{
    private readonly LinuxProcessProbe _probe = new();
    private readonly ChildProcesses _children = new();

    public void Dispose()
    {
        _children.Dispose();

        _probe.Dispose();
    }

    [Fact]
    public void Sleeper_AgreesWithPsutil() => CrossCheck(_children.Track(ChildProcess.Start("/bin/sleep", "1000")).WaitUntilSleeping().Pid, idle: true);

    [Fact]
    public void ProcessHolding100Files_AgreesWithPsutil()
    {
        var holder = _children.Track(ChildProcess.Python(Scripts.OpenFiles, "100"));
        holder.WaitForLine("ready");
        CrossCheck(holder.Pid, idle: true);
    }

    [Fact]
    public void Listener_AgreesWithPsutil()
    {
        var listener = _children.Track(ChildProcess.Python(Scripts.Listener));
        listener.WaitForLine("ready");
        CrossCheck(listener.Pid, idle: true);
    }

    [Fact]
    public void ParentWithChildren_AgreesWithPsutil()
    {
        var parent = _children.Track(ChildProcess.Python(Scripts.Tree));
        var pids = parent.WaitForLine("ready").Split(' ')[1..].Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        string[] names = ["sleep", "sleep", "sh", "sleep"];
        for (var i = 0; i < pids.Length; i++)
        {
            ChildProcess.WaitUntilSleeping(pids[i], names[i]);
        }

        CrossCheck(parent.Pid, idle: true);
        foreach (var pid in pids)
        {
            CrossCheck(pid, idle: true);
        }
    }

    [Fact]
    public void Zombie_AgreesWithPsutil()
    {
        var parent = _children.Track(ChildProcess.Python(Scripts.Zombie));
        var zombie = int.Parse(parent.WaitForLine("ready").Split(' ')[1], CultureInfo.InvariantCulture);
        CrossCheck(zombie, idle: true);
    }

    [Fact]
    public void CpuBurner_AgreesWithPsutil()
    {
        var burner = _children.Track(ChildProcess.Python(Scripts.Burner));
        burner.WaitForLine("ready");
        CrossCheck(burner.Pid, idle: false);
    }

    [Fact]
    public void System_AgreesWithPsutil()
    {
        using var psutil = PsutilSnapshot.Take();

        Assert.Equal(psutil.RootElement.GetProperty("mem_total").GetUInt64(), _probe.System.MemTotalBytes);
        Assert.Equal(psutil.RootElement.GetProperty("boot_time").GetDouble(), _probe.System.BootTime.ToUnixTimeSeconds());
    }

    private void CrossCheck(int pid, bool idle)
    {
        var sweep = _probe.BeginSweep();
        Assert.True(sweep.TryGetKey(pid, out var key));
        var before = Read(key, sweep);
        using var document = PsutilSnapshot.Take(pid);
        var after = Read(key, _probe.BeginSweep());
        var ps = document.RootElement.GetProperty("processes")[0];

        // Exact: names, counts, identities.
        Assert.Equal(ps.GetProperty("name").GetString(), after.Name);
        Assert.Equal(ps.GetProperty("ppid").GetInt32(), after.ParentPid);
        Assert.Equal(ps.GetProperty("num_threads").GetInt32(), after.ThreadCount);
        Assert.Equal(ps.GetProperty("uid").GetInt32(), after.Uid);
        Assert.Equal(ps.GetProperty("username").GetString(), after.UserName);
        Assert.Equal(ps.GetProperty("nice").GetInt32(), after.Nice);
        Assert.Equal(ps.GetProperty("children").EnumerateArray().Select(c => c.GetInt32()), after.Children);
        Assert.Equal(ps.GetProperty("fd_limit").GetUInt64(), after.FileDescriptorLimit);
        ExactIfPsutilHas(ps, "num_fds", e => e.GetInt32(), after.OpenFileDescriptors);
        ExactIfPsutilHas(ps, "open_files", e => e.GetInt32(), after.OpenFiles);
        ExactIfPsutilHas(ps, "connections", e => e.GetInt32(), after.InetConnections);
        ExactIfPsutilHas(ps, "cwd", e => e.GetString(), after.Cwd);
        ExactIfPsutilHas(ps, "exe", e => e.GetString(), after.Exe ?? string.Empty);
        ExactIfPsutilHas(ps, "cmdline", e => e.EnumerateArray().Select(a => a.GetString()!).ToArray(), after.Cmdline.ToArray());
        if (idle)
        {
            Assert.Equal(ps.GetProperty("status").GetString(), PsutilStatus(after.State));
        }

        Assert.Equal(ps.GetProperty("create_time").GetDouble(), after.CreateTime.ToUnixTimeMilliseconds() / 1000.0, 0.011);

        // Moving counters: ours before <= psutil <= ours after.
        Bracket(before.CpuUserSeconds, ps.GetProperty("cpu_user").GetDouble(), after.CpuUserSeconds);
        Bracket(before.CpuSystemSeconds, ps.GetProperty("cpu_system").GetDouble(), after.CpuSystemSeconds);
        Bracket(before.ChildrenCpuUserSeconds, ps.GetProperty("cpu_children_user").GetDouble(), after.ChildrenCpuUserSeconds);
        Bracket(before.ChildrenCpuSystemSeconds, ps.GetProperty("cpu_children_system").GetDouble(), after.ChildrenCpuSystemSeconds);
        Bracket(before.VoluntaryContextSwitches!.Value, ps.GetProperty("ctx_voluntary").GetDouble(), after.VoluntaryContextSwitches!.Value);
        Bracket(before.InvoluntaryContextSwitches!.Value, ps.GetProperty("ctx_involuntary").GetDouble(), after.InvoluntaryContextSwitches!.Value);
        Bracket(before.MinorFaults, ps.GetProperty("faults").GetProperty("minor").GetDouble(), after.MinorFaults);
        Bracket(before.MajorFaults, ps.GetProperty("faults").GetProperty("major").GetDouble(), after.MajorFaults);
        if (ps.GetProperty("io").ValueKind != JsonValueKind.Null)
        {
            var io = ps.GetProperty("io");
            Bracket(before.Io!.Value.ReadCount, io.GetProperty("read_count").GetDouble(), after.Io!.Value.ReadCount);
            Bracket(before.Io!.Value.WriteCount, io.GetProperty("write_count").GetDouble(), after.Io!.Value.WriteCount);
            Bracket(before.Io!.Value.ReadBytes, io.GetProperty("read_bytes").GetDouble(), after.Io!.Value.ReadBytes);
            Bracket(before.Io!.Value.WriteBytes, io.GetProperty("write_bytes").GetDouble(), after.Io!.Value.WriteBytes);
            Bracket(before.Io!.Value.ReadChars, io.GetProperty("read_chars").GetDouble(), after.Io!.Value.ReadChars);
            Bracket(before.Io!.Value.WriteChars, io.GetProperty("write_chars").GetDouble(), after.Io!.Value.WriteChars);
        }

        // Memory moves both ways: within two pages of what we saw before or after.
        var slack = 2.0 * Environment.SystemPageSize;
        Near(ps.GetProperty("rss").GetDouble(), before.ResidentMemoryBytes, after.ResidentMemoryBytes, slack);
        Near(ps.GetProperty("vms").GetDouble(), before.VirtualMemoryBytes, after.VirtualMemoryBytes, slack);
        Near(ps.GetProperty("shared").GetDouble(), before.SharedMemoryBytes!.Value, after.SharedMemoryBytes!.Value, slack);
        Near(ps.GetProperty("memory_percent").GetDouble(), before.MemoryPercent, after.MemoryPercent, slack * 100 / _probe.System.MemTotalBytes);
    }

    private static void ExactIfPsutilHas<T>(JsonElement ps, string name, Func<JsonElement, T> value, T ours)
    {
        var element = ps.GetProperty(name);
        if (element.ValueKind != JsonValueKind.Null)
        {
            Assert.Equal(value(element), ours);
        }
    }

    private static void Bracket(double before, double psutil, double after) =>
        Assert.InRange(psutil, before - 1e-9, after + 1e-9);

    private static void Near(double psutil, double before, double after, double slack) =>
        Assert.InRange(psutil, Math.Min(before, after) - slack, Math.Max(before, after) + slack);

    private static string PsutilStatus(ProcessState state) => state switch
    {
        ProcessState.Running => "running",
        ProcessState.Sleeping => "sleeping",
        ProcessState.DiskSleep => "disk-sleep",
        ProcessState.Stopped => "stopped",
        ProcessState.TracingStop => "tracing-stop",
        ProcessState.Zombie => "zombie",
        ProcessState.Dead => "dead",
        ProcessState.Idle => "idle",
        _ => state.ToString(),
    };

    private ProcessSnapshot Read(ProcessKey key, ProcessSweep sweep)
    {
        var result = _probe.Read(key, ProbeParts.Extended, sweep);
        Assert.True(result.Outcome == ProbeOutcome.Ok, $"{result.Outcome}: {result.Error} missing {result.MissingParts}");
        return result.Snapshot!;
    }
}
