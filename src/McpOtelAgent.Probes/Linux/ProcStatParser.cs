namespace McpOtelAgent.Probes.Linux;

/// <summary>Parses <c>btime</c> of <c>/proc/stat</c>: boot time in seconds since the epoch (man 5 proc).</summary>
internal static class ProcStatParser
{
    public static bool TryParseBootTime(ReadOnlySpan<byte> content, out long secondsSinceEpoch, out string? error)
    {
        while (ProcText.NextLine(ref content, out var line))
        {
            if (line.StartsWith("btime "u8) && ProcText.TryParseInt64(ProcText.Trim(line[6..]), out secondsSinceEpoch))
            {
                error = null;
                return true;
            }
        }

        secondsSinceEpoch = 0;
        error = "no numeric btime line";
        return false;
    }
}
