using System.Buffers;
using System.Text.RegularExpressions;

namespace McpOtelAgent.Redaction;

/// <summary>
/// Hides values that look like secrets before anything leaves the agent (API output, logs, labels, the info series):
/// values of secret-named flags (<c>--api-key=v</c>, <c>--token v</c>), secret-named variables (<c>*_KEY</c>,
/// <c>*_TOKEN</c>, <c>*_SECRET</c>, <c>*PASSWORD*</c>) whether in an environment or as <c>NAME=v</c> arguments,
/// bearer and basic credentials, URL passwords and secret query parameters. Names stay; values become <c>***</c>.
/// </summary>
internal static partial class SecretRedactor
{
    public const string Mask = "***";

    /// <summary>Whether a flag or variable name names a secret (<c>--api-key</c>, <c>GITHUB_TOKEN</c>, <c>db.password</c>).</summary>
    public static bool IsSecretName(string name)
    {
        foreach (var word in NameWords().Split(name.TrimStart('-', '/')))
        {
            if (word.Length > 0 && SecretWords.Contains(word))
            {
                return true;
            }
        }

        // Glued spellings: apikey, accesstoken, clientsecret, dbpassword.
        var lower = name.ToLowerInvariant();
        return lower.Contains("apikey", StringComparison.Ordinal) || lower.Contains("password", StringComparison.Ordinal)
            || lower.Contains("passwd", StringComparison.Ordinal) || lower.EndsWith("token", StringComparison.Ordinal)
            || lower.EndsWith("secret", StringComparison.Ordinal);
    }

    /// <summary>
    /// Redacts an argument vector: a secret flag hides its <c>=value</c> or the argument after it. An argument holding
    /// whitespace may be a whole shell script (<c>npx</c> runs a package's bin through
    /// <c>sh -c "mcp-server-x --api-key=..."</c>), so it is redacted word by word as an argument vector of its own.
    /// </summary>
    public static string[] RedactArguments(IReadOnlyList<string> arguments)
    {
        var result = new string[arguments.Count];
        var hideNext = false;
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            if (hideNext && !argument.StartsWith('-'))
            {
                result[i] = Mask;
                hideNext = false;
                continue;
            }

            hideNext = false;
            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && AssignmentName().IsMatch(argument.AsSpan(0, equals)) && IsSecretName(argument[..equals]))
            {
                result[i] = argument[..(equals + 1)] + Mask;
            }
            else if (argument.AsSpan().IndexOfAny(Whitespace) >= 0)
            {
                result[i] = RedactScript(argument);
            }
            else if ((argument.StartsWith('-') && equals < 0 && IsSecretName(argument)) || AuthSchemeWord().IsMatch(argument))
            {
                result[i] = argument;
                hideNext = true;
            }
            else
            {
                result[i] = RedactText(argument);
            }
        }

        return result;
    }

    /// <summary>Redacts the words of a script in place, keeping the whitespace between them as it was.</summary>
    private static string RedactScript(string script)
    {
        var words = new List<string>();
        var separators = new List<string>();
        var start = 0;
        while (start < script.Length)
        {
            var wordStart = script.AsSpan(start).IndexOfAnyExcept(Whitespace);
            wordStart = wordStart < 0 ? script.Length : start + wordStart;
            separators.Add(script[start..wordStart]);
            if (wordStart == script.Length)
            {
                break;
            }

            var wordEnd = script.AsSpan(wordStart).IndexOfAny(Whitespace);
            wordEnd = wordEnd < 0 ? script.Length : wordStart + wordEnd;
            words.Add(script[wordStart..wordEnd]);
            start = wordEnd;
        }

        var redacted = RedactArguments(words);
        var builder = new System.Text.StringBuilder(script.Length);
        for (var i = 0; i < separators.Count; i++)
        {
            builder.Append(separators[i]);
            if (i < redacted.Length)
            {
                builder.Append(redacted[i]);
            }
        }

        return builder.ToString();
    }

    /// <summary>Redacts an argument vector and joins it with spaces, as a command line is shown.</summary>
    public static string RedactCommandLine(IReadOnlyList<string> arguments) => string.Join(' ', RedactArguments(arguments));

    /// <summary>Redacts one environment variable or header value by its name, and credentials inside any value.</summary>
    public static string RedactValue(string name, string value) =>
        IsSecretName(name) || name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
            || name.Equals("Cookie", StringComparison.OrdinalIgnoreCase)
            ? Mask
            : RedactText(value);

    public static Dictionary<string, string> RedactEnvironment(IReadOnlyDictionary<string, string> environment)
    {
        var result = new Dictionary<string, string>(environment.Count, StringComparer.Ordinal);
        foreach (var (name, value) in environment)
        {
            result[name] = RedactValue(name, value);
        }

        return result;
    }

    /// <summary>Credentials that show inside free text: bearer/basic schemes, URL passwords, secret query parameters.</summary>
    public static string RedactText(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        var result = AuthScheme().Replace(text, m => m.Groups[1].Value + Mask);
        result = UrlPassword().Replace(result, m => m.Groups[1].Value + Mask + "@");
        return QueryParameter().Replace(result, m => IsSecretName(m.Groups[2].Value) ? m.Groups[1].Value + Mask : m.Value);
    }

    private static readonly SearchValues<char> Whitespace = SearchValues.Create(" \t\r\n\f\v");

    private static readonly HashSet<string> SecretWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "key", "apikey", "token", "secret", "password", "passwd", "credential", "credentials",
        "auth", "authorization", "bearer", "pat", "cookie", "signature",
    };

    /// <summary><c>--flag</c>, <c>NAME</c> or <c>a.b</c> before an <c>=</c>; not a URL or a path.</summary>
    [GeneratedRegex("^-{0,2}[A-Za-z_][A-Za-z0-9_.-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex AssignmentName();

    [GeneratedRegex("^(?i:bearer|basic)$", RegexOptions.CultureInvariant)]
    private static partial Regex AuthSchemeWord();

    [GeneratedRegex("[-_.:]", RegexOptions.CultureInvariant)]
    private static partial Regex NameWords();

    [GeneratedRegex(@"(?i)\b((?:bearer|basic|token)\s+)[A-Za-z0-9._~+/=-]{4,}", RegexOptions.CultureInvariant)]
    private static partial Regex AuthScheme();

    [GeneratedRegex(@"(\b[a-z][a-z0-9+.-]*://[^/\s:@]+:)[^@\s/]+@", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlPassword();

    [GeneratedRegex(@"([?&;]([^=&\s#]+)=)[^&\s#]*", RegexOptions.CultureInvariant)]
    private static partial Regex QueryParameter();
}
