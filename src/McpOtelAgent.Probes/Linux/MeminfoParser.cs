namespace McpOtelAgent.Probes.Linux;

/// <summary>Parses <c>MemTotal</c> of <c>/proc/meminfo</c> (kB, meaning KiB, per man 5 proc) into bytes.</summary>
internal static class MeminfoParser
{
    public static bool TryParseMemTotal(ReadOnlySpan<byte> content, out ulong bytes, out string? error)
    {
        while (ProcText.NextLine(ref content, out var line))
        {
            if (ProcText.SplitKeyValue(line, out var key, out var value) && key.SequenceEqual("MemTotal"u8))
            {
                if (!ProcText.TryParseFirstUInt64(value, out var kib))
                {
                    break;
                }

                bytes = kib * 1024;
                error = null;
                return true;
            }
        }

        bytes = 0;
        error = "no numeric MemTotal line";
        return false;
    }
}
