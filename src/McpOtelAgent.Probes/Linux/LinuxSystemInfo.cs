using System.Numerics;

namespace McpOtelAgent.Probes.Linux;

/// <summary>Reads <see cref="SystemInfo"/> once: meminfo, btime, sysconf, affinity capped by the cgroup CPU quota.</summary>
internal static unsafe class LinuxSystemInfo
{
    /// <summary>USER_HZ on every mainstream Linux ABI; used when sysconf cannot be called.</summary>
    private const long DefaultClockTicks = 100;

    public static SystemInfo Read(string procRoot, string cgroupRoot)
    {
        var meminfo = File.ReadAllBytes(Path.Combine(procRoot, "meminfo"));
        if (!MeminfoParser.TryParseMemTotal(meminfo, out var memTotal, out var error))
        {
            throw new InvalidDataException($"{Path.Combine(procRoot, "meminfo")}: {error}");
        }

        var stat = File.ReadAllBytes(Path.Combine(procRoot, "stat"));
        if (!ProcStatParser.TryParseBootTime(stat, out var bootSeconds, out error))
        {
            throw new InvalidDataException($"{Path.Combine(procRoot, "stat")}: {error}");
        }

        var ticks = LibC.sysconf(LibC.ScClkTck);
        var cpus = (double)(AffinityCpuCount(0) ?? Environment.ProcessorCount);
        var quota = CgroupCpuQuota.Read(procRoot, cgroupRoot);
        if (quota is not null && quota < cpus)
        {
            cpus = quota.Value;
        }

        return new SystemInfo(
            memTotal,
            cpus,
            ticks > 0 ? ticks : DefaultClockTicks,
            Environment.SystemPageSize,
            DateTimeOffset.FromUnixTimeSeconds(bootSeconds));
    }

    /// <summary>CPUs in a pid's affinity mask (0: this process); null when it cannot be read.</summary>
    public static int? AffinityCpuCount(int pid)
    {
        // A 1024-CPU mask, the glibc cpu_set_t size; beyond it Environment.ProcessorCount is the best answer.
        var mask = stackalloc ulong[16];
        if (LibC.sched_getaffinity(pid, 16 * sizeof(ulong), (byte*)mask) != 0)
        {
            return null;
        }

        var count = 0;
        for (var i = 0; i < 16; i++)
        {
            count += BitOperations.PopCount(mask[i]);
        }

        return count > 0 ? count : null;
    }
}
