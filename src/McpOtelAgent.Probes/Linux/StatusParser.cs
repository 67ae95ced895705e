namespace McpOtelAgent.Probes.Linux;

/// <summary>
/// Parses <c>/proc/[pid]/status</c> (man 5 proc): <c>Uid:</c> (real, effective, saved, fs; the real one is kept, as
/// psutil's <c>username()</c> uses it), <c>voluntary_ctxt_switches</c> and <c>nonvoluntary_ctxt_switches</c>.
/// </summary>
internal static class StatusParser
{
    public static bool TryParse(ReadOnlySpan<byte> content, out StatusFields fields, out string? error)
    {
        fields = default;
        ulong uid = 0, voluntary = 0, involuntary = 0;
        var found = 0;
        while (found != 0b111 && ProcText.NextLine(ref content, out var line))
        {
            if (!ProcText.SplitKeyValue(line, out var key, out var value))
            {
                continue;
            }

            if (key.SequenceEqual("Uid"u8))
            {
                if (!ProcText.TryParseFirstUInt64(value, out uid) || uid > uint.MaxValue)
                {
                    error = "Uid is not a number";
                    return false;
                }

                found |= 0b001;
            }
            else if (key.SequenceEqual("voluntary_ctxt_switches"u8))
            {
                if (!ProcText.TryParseUInt64(value, out voluntary))
                {
                    error = "voluntary_ctxt_switches is not a number";
                    return false;
                }

                found |= 0b010;
            }
            else if (key.SequenceEqual("nonvoluntary_ctxt_switches"u8))
            {
                if (!ProcText.TryParseUInt64(value, out involuntary))
                {
                    error = "nonvoluntary_ctxt_switches is not a number";
                    return false;
                }

                found |= 0b100;
            }
        }

        if (found != 0b111)
        {
            error = "missing Uid or context switch lines";
            return false;
        }

        fields = new StatusFields((uint)uid, voluntary, involuntary);
        error = null;
        return true;
    }
}
