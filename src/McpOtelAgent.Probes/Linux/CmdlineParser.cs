using System.Text;

namespace McpOtelAgent.Probes.Linux;

/// <summary>
/// Splits <c>/proc/[pid]/cmdline</c> as psutil 5.9 does: arguments end in NUL; a process that rewrote its title
/// (setproctitle) may use spaces instead, so when the data does not end in NUL, or is one NUL-terminated string with
/// spaces, it is split on spaces. Empty for kernel threads and zombies. A command line cut at the read cap ends
/// mid-argument: it is split on NUL when it has any, and its last argument is kept as cut.
/// </summary>
internal static class CmdlineParser
{
    public static string[] Parse(ReadOnlySpan<byte> data, bool truncated = false)
    {
        if (data.IsEmpty)
        {
            return [];
        }

        var separator = data[^1] == 0 || (truncated && data.Contains((byte)0)) ? (byte)0 : (byte)' ';
        if (data[^1] == separator)
        {
            data = data[..^1];
        }

        if (separator == 0 && !data.Contains((byte)0) && data.Contains((byte)' '))
        {
            separator = (byte)' ';
        }

        var arguments = new string[data.Count(separator) + 1];
        for (var i = 0; i < arguments.Length; i++)
        {
            var end = data.IndexOf(separator);
            var argument = end < 0 ? data : data[..end];
            arguments[i] = Encoding.UTF8.GetString(argument);
            data = end < 0 ? default : data[(end + 1)..];
        }

        return arguments;
    }
}
