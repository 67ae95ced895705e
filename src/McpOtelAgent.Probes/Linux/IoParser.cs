namespace McpOtelAgent.Probes.Linux;

/// <summary>
/// Parses <c>/proc/[pid]/io</c> (man 5 proc) into psutil's <c>io_counters()</c> fields: syscr/syscw are the counts,
/// read_bytes/write_bytes the storage bytes, rchar/wchar the chars.
/// </summary>
internal static class IoParser
{
    public static bool TryParse(ReadOnlySpan<byte> content, out IoCounters counters, out string? error)
    {
        counters = default;
        ulong rchar = 0, wchar = 0, syscr = 0, syscw = 0, readBytes = 0, writeBytes = 0;
        var found = 0;
        while (ProcText.NextLine(ref content, out var line))
        {
            if (!ProcText.SplitKeyValue(line, out var key, out var value))
            {
                continue;
            }

            int bit;
            bool ok;
            if (key.SequenceEqual("rchar"u8))
            {
                (bit, ok) = (1, ProcText.TryParseUInt64(value, out rchar));
            }
            else if (key.SequenceEqual("wchar"u8))
            {
                (bit, ok) = (2, ProcText.TryParseUInt64(value, out wchar));
            }
            else if (key.SequenceEqual("syscr"u8))
            {
                (bit, ok) = (4, ProcText.TryParseUInt64(value, out syscr));
            }
            else if (key.SequenceEqual("syscw"u8))
            {
                (bit, ok) = (8, ProcText.TryParseUInt64(value, out syscw));
            }
            else if (key.SequenceEqual("read_bytes"u8))
            {
                (bit, ok) = (16, ProcText.TryParseUInt64(value, out readBytes));
            }
            else if (key.SequenceEqual("write_bytes"u8))
            {
                (bit, ok) = (32, ProcText.TryParseUInt64(value, out writeBytes));
            }
            else
            {
                continue;
            }

            if (!ok)
            {
                error = $"{System.Text.Encoding.ASCII.GetString(key)} is not a number";
                return false;
            }

            found |= bit;
        }

        if (found != 63)
        {
            error = "missing one of rchar, wchar, syscr, syscw, read_bytes, write_bytes";
            return false;
        }

        counters = new IoCounters(syscr, syscw, readBytes, writeBytes, rchar, wchar);
        error = null;
        return true;
    }
}
