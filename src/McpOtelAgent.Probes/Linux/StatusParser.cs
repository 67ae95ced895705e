namespace McpOtelAgent.Probes.Linux;

/// <summary>
/// Parses <c>/proc/[pid]/status</c> (man 5 proc): <c>Uid:</c> (real, effective, saved, fs; the real one is kept, as
/// psutil's <c>username()</c> uses it), <c>voluntary_ctxt_switches</c> and <c>nonvoluntary_ctxt_switches</c>. The three
/// lines are found by vectorized search rather than by splitting the ~55 lines of the file.
/// </summary>
internal static class StatusParser
{
    public static bool TryParse(ReadOnlySpan<byte> content, out StatusFields fields, out string? error)
    {
        fields = default;
        if (!TryFind(content, "\nUid:"u8, out var uid) || uid > uint.MaxValue)
        {
            error = "no numeric Uid line";
            return false;
        }

        if (!TryFind(content, "\nvoluntary_ctxt_switches:"u8, out var voluntary)
            || !TryFind(content, "\nnonvoluntary_ctxt_switches:"u8, out var involuntary))
        {
            error = "no numeric context switch lines";
            return false;
        }

        fields = new StatusFields((uint)uid, voluntary, involuntary);
        error = null;
        return true;
    }

    /// <summary>The first number after <paramref name="key"/> (a newline, the name and its colon).</summary>
    private static bool TryFind(ReadOnlySpan<byte> content, ReadOnlySpan<byte> key, out ulong value)
    {
        value = 0;
        var at = content.IndexOf(key);
        if (at < 0)
        {
            return false;
        }

        var rest = content[(at + key.Length)..];
        var end = rest.IndexOf((byte)'\n');
        return ProcText.TryParseFirstUInt64(end < 0 ? rest : rest[..end], out value);
    }
}
