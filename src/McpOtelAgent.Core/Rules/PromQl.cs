using System.Globalization;
using System.Text;

namespace McpOtelAgent.Rules;

/// <summary>Small PromQL spelling helpers: numbers, durations and label matchers.</summary>
internal static class PromQl
{
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A Prometheus duration (<c>1h30m</c>, <c>45s</c>, <c>0s</c>); sub-second parts are rounded up to milliseconds.</summary>
    public static string Duration(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return "0s";
        }

        var milliseconds = (long)Math.Ceiling(duration.TotalMilliseconds);
        var text = new StringBuilder();
        Append(text, ref milliseconds, 86_400_000, "d");
        Append(text, ref milliseconds, 3_600_000, "h");
        Append(text, ref milliseconds, 60_000, "m");
        Append(text, ref milliseconds, 1_000, "s");
        Append(text, ref milliseconds, 1, "ms");
        return text.ToString();
    }

    /// <summary><c>metric{matchers}</c>, or the bare metric when there are none.</summary>
    public static string Selector(string metric, string matchers) =>
        string.IsNullOrEmpty(matchers) ? metric : $"{metric}{{{matchers}}}";

    /// <summary>Joins matchers, skipping empty ones.</summary>
    public static string Matchers(params string[] matchers) =>
        string.Join(", ", matchers.Where(static m => !string.IsNullOrEmpty(m)));

    /// <summary><c>label="value"</c>, or <c>label=~"a|b"</c> for several values (each matched literally).</summary>
    public static string Equal(string label, IReadOnlyCollection<string> values) => values.Count == 1
        ? $"{label}=\"{StringLiteral(values.First())}\""
        : $"{label}=~\"{StringLiteral(Alternation(values))}\"";

    /// <summary><c>label!~"a|b"</c>: none of the values (each matched literally); empty when there are none.</summary>
    public static string NotEqual(string label, IReadOnlyCollection<string> values) => values.Count switch
    {
        0 => string.Empty,
        1 => $"{label}!=\"{StringLiteral(values.First())}\"",
        _ => $"{label}!~\"{StringLiteral(Alternation(values))}\"",
    };

    /// <summary>An RE2 alternation that matches each value literally.</summary>
    private static string Alternation(IEnumerable<string> values) => string.Join('|', values.Select(EscapeRegex));

    private static string EscapeRegex(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (@"\.+*?()|[]{}^$".Contains(c, StringComparison.Ordinal))
            {
                text.Append('\\');
            }

            text.Append(c);
        }

        return text.ToString();
    }

    /// <summary>The body of a double-quoted PromQL string.</summary>
    private static string StringLiteral(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    private static void Append(StringBuilder text, ref long milliseconds, long unit, string suffix)
    {
        if (milliseconds >= unit)
        {
            text.Append((milliseconds / unit).ToString(CultureInfo.InvariantCulture)).Append(suffix);
            milliseconds %= unit;
        }
    }
}
