using System.Diagnostics;

namespace McpOtelAgent.Probes.Portable;

/// <summary>
/// The fallback for operating systems without /proc, through <see cref="Process"/>. Partial by design: it reads only
/// <see cref="ProbeParts.Stat"/>, and of that only name, CPU times, RSS, VMS, thread count and start time. Parent pid,
/// children, state, nice, page faults and children's CPU are not available there and stay 0/Unknown; every other part
/// is reported missing. Start times are 100 ns ticks after a boot time estimated once (now − uptime), so keys keep the
/// (pid, start time) identity of the Linux probe.
/// </summary>
internal sealed class PortableProcessProbe : ProcessProbe
{
    private readonly TimeProvider _timeProvider;

    public PortableProcessProbe(TimeProvider? timeProvider = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
        var bootTime = _timeProvider.GetUtcNow() - TimeSpan.FromMilliseconds(Environment.TickCount64);
        System = new SystemInfo(
            (ulong)Math.Max(0, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes),
            Environment.ProcessorCount,
            TimeSpan.TicksPerSecond,
            Environment.SystemPageSize,
            bootTime);
    }

    public override SystemInfo System { get; }

    public override ProbeParts SupportedParts => ProbeParts.Stat;

    public override ProcessSweep BeginSweep()
    {
        var keys = new Dictionary<int, (ProcessKey Key, string Name)>();
        foreach (var process in Process.GetProcesses())
        {
            using (process)
            {
                if (TryKey(process, out var key) && TryName(process, out var name))
                {
                    keys[process.Id] = (key, name);
                }
            }
        }

        return new PortableProcessSweep(_timeProvider.GetUtcNow(), keys);
    }

    public override ProbeResult Read(ProcessKey key, ProbeParts parts, ProcessSweep sweep, ProbeParts reuse = ProbeParts.None)
    {
        try
        {
            using var process = Process.GetProcessById(key.Pid);
            if (!TryKey(process, out var current) || current != key)
            {
                return ProbeResult.Gone($"pid {key.Pid} now belongs to another process");
            }

            var rss = (ulong)Math.Max(0, process.WorkingSet64);
            var snapshot = new ProcessSnapshot
            {
                Key = key,
                Name = process.ProcessName,
                State = ProcessState.Unknown,
                ParentPid = 0,
                ClockTicksPerSecond = System.ClockTicksPerSecond,
                UserTicks = (ulong)process.UserProcessorTime.Ticks,
                SystemTicks = (ulong)process.PrivilegedProcessorTime.Ticks,
                ChildrenUserTicks = 0,
                ChildrenSystemTicks = 0,
                MinorFaults = 0,
                MajorFaults = 0,
                ThreadCount = process.Threads.Count,
                Nice = 0,
                VirtualMemoryBytes = (ulong)Math.Max(0, process.VirtualMemorySize64),
                ResidentMemoryBytes = rss,
                CreateTime = System.ToWallClock(key.StartTimeTicks),
                MemoryPercent = System.MemTotalBytes == 0 ? 0 : rss * 100.0 / System.MemTotalBytes,
            };
            var missing = parts & ~SupportedParts;
            return new ProbeResult(missing == ProbeParts.None ? ProbeOutcome.Ok : ProbeOutcome.Partial, snapshot, missing, null);
        }
        catch (ArgumentException)
        {
            return ProbeResult.Gone();
        }
        catch (InvalidOperationException)
        {
            return ProbeResult.Gone();
        }
        catch (global::System.ComponentModel.Win32Exception exception)
        {
            return ProbeResult.Denied($"pid {key.Pid}: {exception.Message}");
        }
    }

    private static bool TryName(Process process, out string name)
    {
        try
        {
            name = process.ProcessName;
            return true;
        }
        catch (InvalidOperationException)
        {
            // Exited since the listing.
            name = string.Empty;
            return false;
        }
    }

    private bool TryKey(Process process, out ProcessKey key)
    {
        try
        {
            var since = new DateTimeOffset(process.StartTime.ToUniversalTime(), TimeSpan.Zero) - System.BootTime;
            key = new ProcessKey(process.Id, (ulong)Math.Max(0, since.Ticks));
            return true;
        }
        catch (Exception exception) when (exception is InvalidOperationException or NotSupportedException or global::System.ComponentModel.Win32Exception)
        {
            key = default;
            return false;
        }
    }
}
