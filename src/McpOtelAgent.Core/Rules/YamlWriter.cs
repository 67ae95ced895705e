using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace McpOtelAgent.Rules;

/// <summary>
/// Writes a JSON node tree as block-style YAML, keys in insertion order, so generated rule files are stable and
/// diffable. Strings that YAML could read as something else (numbers, booleans, PromQL with braces) are quoted:
/// single quotes when that needs no escaping, JSON-style double quotes otherwise (valid YAML either way).
/// </summary>
internal static partial class YamlWriter
{
    private const int IndentWidth = 2;

    private static readonly HashSet<string> ReservedWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "nan", "inf",
    };

    public static string Write(JsonNode root, string? headerComment = null)
    {
        var text = new StringBuilder();
        if (headerComment is not null)
        {
            foreach (var line in headerComment.Split('\n'))
            {
                text.Append(line.Length == 0 ? "#" : "# ").Append(line).Append('\n');
            }
        }

        WriteBlock(text, root, 0);
        return text.ToString();
    }

    private static void WriteBlock(StringBuilder text, JsonNode node, int indent)
    {
        switch (node)
        {
            case JsonObject map:
                foreach (var (key, value) in map)
                {
                    text.Append(' ', indent).Append(Scalar(key)).Append(':');
                    WriteValue(text, value, indent);
                }

                break;
            case JsonArray list:
                foreach (var item in list)
                {
                    WriteListItem(text, item, indent);
                }

                break;
            default:
                text.Append(' ', indent).Append(Scalar(node)).Append('\n');
                break;
        }
    }

    /// <summary>After "key:": a scalar or empty collection on the same line, a non-empty collection below it.</summary>
    private static void WriteValue(StringBuilder text, JsonNode? value, int indent)
    {
        switch (value)
        {
            case JsonObject { Count: > 0 } map:
                text.Append('\n');
                WriteBlock(text, map, indent + IndentWidth);
                break;
            case JsonArray { Count: > 0 } list:
                // Lists under a key are not indented further, as Prometheus' and Grafana's own examples write them.
                text.Append('\n');
                WriteBlock(text, list, indent);
                break;
            default:
                text.Append(' ').Append(Scalar(value)).Append('\n');
                break;
        }
    }

    private static void WriteListItem(StringBuilder text, JsonNode? item, int indent)
    {
        text.Append(' ', indent).Append("- ");
        if (item is JsonObject { Count: > 0 } map)
        {
            var first = true;
            foreach (var (key, value) in map)
            {
                if (!first)
                {
                    text.Append(' ', indent + IndentWidth);
                }

                first = false;
                text.Append(Scalar(key)).Append(':');
                WriteValue(text, value, indent + IndentWidth);
            }
        }
        else if (item is JsonArray { Count: > 0 } list)
        {
            text.Append('\n');
            WriteBlock(text, list, indent + IndentWidth);
        }
        else
        {
            text.Append(Scalar(item)).Append('\n');
        }
    }

    private static string Scalar(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "{}",
        JsonArray => "[]",
        JsonValue value when value.GetValueKind() == JsonValueKind.String => Scalar(value.GetValue<string>()),
        JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False =>
            value.GetValue<bool>() ? "true" : "false",
        JsonValue value when value.TryGetValue<double>(out var number) => number.ToString("R", CultureInfo.InvariantCulture),
        JsonValue value when value.TryGetValue<int>(out var integer) => integer.ToString(CultureInfo.InvariantCulture),
        JsonValue value when value.TryGetValue<long>(out var longInteger) => longInteger.ToString(CultureInfo.InvariantCulture),
        _ => node.ToJsonString(),
    };

    private static string Scalar(string value)
    {
        if (IsPlain(value))
        {
            return value;
        }

        return value.Any(static c => c == '\'' || char.IsControl(c)) ? DoubleQuoted(value) : "'" + value + "'";
    }

    private static string DoubleQuoted(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => text.Append("\\\""),
                '\\' => text.Append("\\\\"),
                '\n' => text.Append("\\n"),
                '\t' => text.Append("\\t"),
                _ when char.IsControl(c) => text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => text.Append(c),
            };
        }

        return text.Append('"').ToString();
    }

    /// <summary>
    /// Plain only when YAML reads it back as the same string: a name (letters first; no indicators, no ": " or
    /// " #", not a boolean or null look-alike) or a Prometheus duration such as <c>1m30s</c>.
    /// </summary>
    private static bool IsPlain(string value) =>
        DurationPattern().IsMatch(value)
        || (value.Length > 0
            && (char.IsAsciiLetter(value[0]) || value[0] is '/' or '_')
            && value.All(static c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/' or ' ' or ':')
            && value[^1] is not (' ' or ':')
            && !value.Contains(": ", StringComparison.Ordinal)
            && !ReservedWords.Contains(value));

    [GeneratedRegex("^([0-9]+(ms|s|m|h|d|w|y))+$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}
