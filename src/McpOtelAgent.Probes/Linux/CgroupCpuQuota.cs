using System.Text;

namespace McpOtelAgent.Probes.Linux;

/// <summary>
/// The CPU quota of the agent's cgroup, as CPUs: cgroup v2 <c>cpu.max</c> (<c>"$MAX $PERIOD"</c> or <c>"max ..."</c>)
/// or v1 <c>cpu.cfs_quota_us</c> / <c>cpu.cfs_period_us</c> (quota -1 = none), found through <c>/proc/self/cgroup</c>
/// (man 7 cgroups). Null when no quota applies or nothing can be read.
/// </summary>
internal static class CgroupCpuQuota
{
    public static double? Read(string procRoot, string cgroupRoot)
    {
        var membership = TryReadText(Path.Combine(procRoot, "self", "cgroup"));
        if (membership is null)
        {
            return null;
        }

        foreach (var line in membership.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // hierarchy-ID:controller-list:cgroup-path
            var parts = line.Split(':', 3);
            if (parts.Length != 3)
            {
                continue;
            }

            if (parts[0] == "0" && parts[1].Length == 0)
            {
                var quota = ReadV2(cgroupRoot, parts[2]);
                if (quota is not null)
                {
                    return quota;
                }
            }
            else if (Array.IndexOf(parts[1].Split(','), "cpu") >= 0)
            {
                var quota = ReadV1(cgroupRoot, parts[1], parts[2]);
                if (quota is not null)
                {
                    return quota;
                }
            }
        }

        return null;
    }

    /// <summary>Parses <c>cpu.max</c>: <c>"200000 100000"</c> is 2 CPUs; <c>"max 100000"</c> is no limit.</summary>
    public static double? ParseCpuMax(string content)
    {
        var fields = content.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (fields.Length < 2 || !TryParse(fields[0], out var quota) || !TryParse(fields[1], out var period))
        {
            return null;
        }

        return quota > 0 && period > 0 ? quota / (double)period : null;
    }

    /// <summary>Parses v1 <c>cpu.cfs_quota_us</c> and <c>cpu.cfs_period_us</c>; a quota of -1 is no limit.</summary>
    public static double? ParseCfs(string quotaText, string periodText) =>
        TryParse(quotaText.Trim(), out var quota) && TryParse(periodText.Trim(), out var period) && quota > 0 && period > 0
            ? quota / (double)period
            : null;

    private static double? ReadV2(string cgroupRoot, string path)
    {
        // Inside a cgroup namespace the path may be "/" while the mount shows our own group: try both.
        foreach (var candidate in new[] { Path.Join(cgroupRoot, path, "cpu.max"), Path.Join(cgroupRoot, "cpu.max") })
        {
            var text = TryReadText(candidate);
            if (text is not null)
            {
                return ParseCpuMax(text);
            }
        }

        return null;
    }

    private static double? ReadV1(string cgroupRoot, string controllers, string path)
    {
        foreach (var mount in new[] { "cpu", controllers, "cpu,cpuacct", "cpuacct,cpu" })
        {
            foreach (var directory in new[] { Path.Join(cgroupRoot, mount, path), Path.Join(cgroupRoot, mount) })
            {
                var quota = TryReadText(Path.Join(directory, "cpu.cfs_quota_us"));
                var period = TryReadText(Path.Join(directory, "cpu.cfs_period_us"));
                if (quota is not null && period is not null)
                {
                    return ParseCfs(quota, period);
                }
            }
        }

        return null;
    }

    private static bool TryParse(string text, out long value) =>
        long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out value);

    private static string? TryReadText(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path, Encoding.UTF8) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
