using System.Globalization;

namespace McpOtelAgent.Tests.Lifecycle.Support;

/// <summary>Independent reads of /proc, so tests check the supervisor against the kernel's view, not its own.</summary>
internal static class ProcFs
{
    public readonly record struct Stat(int Pid, char State, int ParentPid, int ProcessGroupId);

    public static Stat? ReadStat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // man 5 proc: comm may hold spaces and parentheses, so fields are counted after the last ')'.
        var rest = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return new Stat(
            pid,
            rest[0][0],
            int.Parse(rest[1], CultureInfo.InvariantCulture),
            int.Parse(rest[2], CultureInfo.InvariantCulture));
    }

    public static IEnumerable<Stat> All()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && ReadStat(pid) is { } stat)
            {
                yield return stat;
            }
        }
    }

    /// <summary>The pid and all its descendants, found from one scan's ppid map.</summary>
    public static List<int> Tree(int root)
    {
        var children = All().ToLookup(s => s.ParentPid, s => s.Pid);
        var result = new List<int> { root };
        for (var i = 0; i < result.Count; i++)
        {
            result.AddRange(children[result[i]]);
        }

        return result;
    }

    public static List<int> GroupMembers(int processGroupId) =>
        [.. All().Where(s => s.ProcessGroupId == processGroupId).Select(s => s.Pid)];

    /// <summary>Present in /proc in any state, zombies included.</summary>
    public static bool Exists(int pid) => Directory.Exists($"/proc/{pid}");

    public static string CommandLine(int pid) =>
        File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
}
