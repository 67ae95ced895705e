namespace McpOtelAgent.Probes.Linux;

/// <summary>Parses <c>/proc/[pid]/statm</c>: <c>size resident shared text lib data dt</c>, all in pages (man 5 proc).</summary>
internal static class StatmParser
{
    public static bool TryParse(ReadOnlySpan<byte> content, out StatmFields fields, out string? error)
    {
        fields = default;
        if (!ProcText.NextField(ref content, out var size) || !ProcText.TryParseUInt64(size, out var sizePages)
            || !ProcText.NextField(ref content, out var resident) || !ProcText.TryParseUInt64(resident, out var residentPages)
            || !ProcText.NextField(ref content, out var shared) || !ProcText.TryParseUInt64(shared, out var sharedPages))
        {
            error = "expected three page counts (size resident shared)";
            return false;
        }

        fields = new StatmFields(sizePages, residentPages, sharedPages);
        error = null;
        return true;
    }
}
