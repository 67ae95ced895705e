using System.Globalization;
using System.Text.RegularExpressions;

namespace McpOtelAgent.Tests.Agent.Support;

/// <summary>Reads values out of the Prometheus text exposition.</summary>
internal static partial class Exposition
{
    /// <summary>The value of the first series of <paramref name="metric"/> whose labels include every pair given.</summary>
    public static double? Value(string text, string metric, params (string Label, string Value)[] labels)
    {
        foreach (Match m in Series().Matches(text))
        {
            if (m.Groups["name"].Value != metric)
            {
                continue;
            }

            var labelText = m.Groups["labels"].Value;
            if (labels.All(l => labelText.Contains($"{l.Label}=\"{l.Value}\"", StringComparison.Ordinal)))
            {
                return double.Parse(m.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    public static bool Has(string text, string metric, string serverId) => Value(text, metric, ("server_id", serverId)) is not null;

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?<labels>[^}]*)\})? (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex Series();
}
