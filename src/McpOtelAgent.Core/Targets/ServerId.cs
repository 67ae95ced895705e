using System.Text.RegularExpressions;

namespace McpOtelAgent.Targets;

/// <summary>The rule for a <c>server_id</c>: it becomes a label value and a URL segment, so it stays short and plain.</summary>
internal static partial class ServerId
{
    public const string Rule = "1 to 64 characters: letters, digits, '.', '_' or '-', starting with a letter or digit";

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
