using System.Globalization;

namespace McpOtelAgent.Probes.Linux;

/// <summary>
/// Span helpers shared by the /proc parsers: ASCII fields, invariant-culture integers, <c>Key: value</c> lines.
/// Nothing here allocates.
/// </summary>
internal static class ProcText
{
    public static bool TryParseUInt64(ReadOnlySpan<byte> text, out ulong value) =>
        ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    public static bool TryParseInt64(ReadOnlySpan<byte> text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    public static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r';

    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> text)
    {
        var start = 0;
        while (start < text.Length && IsSpace(text[start]))
        {
            start++;
        }

        var end = text.Length;
        while (end > start && IsSpace(text[end - 1]))
        {
            end--;
        }

        return text[start..end];
    }

    /// <summary>Cuts the next whitespace-separated field off <paramref name="rest"/>; false when none is left.</summary>
    public static bool NextField(ref ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> field)
    {
        var start = 0;
        while (start < rest.Length && IsSpace(rest[start]))
        {
            start++;
        }

        if (start == rest.Length)
        {
            field = default;
            rest = default;
            return false;
        }

        var end = start;
        while (end < rest.Length && !IsSpace(rest[end]))
        {
            end++;
        }

        field = rest[start..end];
        rest = rest[end..];
        return true;
    }

    /// <summary>Cuts the next line (without its newline) off <paramref name="rest"/>.</summary>
    public static bool NextLine(ref ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> line)
    {
        if (rest.IsEmpty)
        {
            line = default;
            return false;
        }

        var newline = rest.IndexOf((byte)'\n');
        if (newline < 0)
        {
            line = rest;
            rest = default;
        }
        else
        {
            line = rest[..newline];
            rest = rest[(newline + 1)..];
        }

        return true;
    }

    /// <summary>
    /// Splits a <c>Key: value</c> line (as in <c>status</c>, <c>io</c>, <c>meminfo</c>); false when it has no colon.
    /// </summary>
    public static bool SplitKeyValue(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> key, out ReadOnlySpan<byte> value)
    {
        var colon = line.IndexOf((byte)':');
        if (colon < 0)
        {
            key = default;
            value = default;
            return false;
        }

        key = line[..colon];
        value = Trim(line[(colon + 1)..]);
        return true;
    }

    /// <summary>The first whitespace-separated number of a value such as <c>1000\t1000\t1000\t1000</c> or <c>16384 kB</c>.</summary>
    public static bool TryParseFirstUInt64(ReadOnlySpan<byte> value, out ulong number)
    {
        if (!NextField(ref value, out var field))
        {
            number = 0;
            return false;
        }

        return TryParseUInt64(field, out number);
    }
}
