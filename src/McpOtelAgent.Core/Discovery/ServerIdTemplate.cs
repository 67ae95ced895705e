using System.Globalization;
using System.Text;

namespace McpOtelAgent.Discovery;

/// <summary>Fills an id template (<c>discovered-{name}-{pid}</c>) so the result is a valid <c>server_id</c>.</summary>
internal static class ServerIdTemplate
{
    private const int MaxLength = 64;

    public static string Apply(string template, string name, int pid)
    {
        var pidText = pid.ToString(CultureInfo.InvariantCulture);
        var fixedLength = template.Replace("{name}", string.Empty, StringComparison.Ordinal)
            .Replace("{pid}", pidText, StringComparison.Ordinal).Length;
        var safe = Sanitize(name);
        if (fixedLength + safe.Length > MaxLength)
        {
            safe = safe[..Math.Max(1, MaxLength - fixedLength)];
        }

        return template.Replace("{name}", safe, StringComparison.Ordinal).Replace("{pid}", pidText, StringComparison.Ordinal);
    }

    /// <summary>Lower case; anything but letters, digits, '.', '_' and '-' becomes '-'.</summary>
    private static string Sanitize(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.ToLowerInvariant())
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-');
        }

        var result = builder.ToString().Trim('-', '.', '_');
        return result.Length == 0 ? "server" : result;
    }
}
