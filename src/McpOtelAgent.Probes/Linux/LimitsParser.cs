namespace McpOtelAgent.Probes.Linux;

/// <summary>
/// Parses the <c>Max open files</c> row of <c>/proc/[pid]/limits</c> (columns: name, soft, hard, units). The soft
/// limit is what the process hits first; <c>unlimited</c> gives null.
/// </summary>
internal static class LimitsParser
{
    public static bool TryParseOpenFilesSoftLimit(ReadOnlySpan<byte> content, out ulong? softLimit, out string? error)
    {
        softLimit = null;
        while (ProcText.NextLine(ref content, out var line))
        {
            if (!line.StartsWith("Max open files"u8))
            {
                continue;
            }

            var rest = line["Max open files".Length..];
            if (!ProcText.NextField(ref rest, out var soft))
            {
                error = "Max open files has no soft limit";
                return false;
            }

            if (soft.SequenceEqual("unlimited"u8))
            {
                error = null;
                return true;
            }

            if (!ProcText.TryParseUInt64(soft, out var value))
            {
                error = "Max open files soft limit is not a number";
                return false;
            }

            softLimit = value;
            error = null;
            return true;
        }

        error = "no Max open files row";
        return false;
    }
}
