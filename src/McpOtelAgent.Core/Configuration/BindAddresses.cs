using System.Net;

namespace McpOtelAgent.Configuration;

/// <summary>Reads Kestrel URL lists (<c>http://127.0.0.1:9464;http://[::1]:9464</c>) and tells loopback from the rest.</summary>
internal static class BindAddresses
{
    public static string[] Split(string? urls) =>
        (urls ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static bool TryParse(string url, out bool isLoopback) => TryParse(url, out isLoopback, out _);

    /// <param name="url">A Kestrel URL.</param>
    /// <param name="isLoopback">Whether it binds loopback only.</param>
    /// <param name="port">Its port (0: any free port), or the scheme's default when it names none.</param>
    public static bool TryParse(string url, out bool isLoopback, out int port)
    {
        isLoopback = false;
        port = 0;
        // Kestrel accepts "*" and "+" as "every address"; Uri does not parse them as hosts.
        var normalized = url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal)
            .Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
        if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return false;
        }

        port = uri.Port;
        isLoopback = string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
        return true;
    }

    public static bool AllLoopback(string? urls) =>
        Split(urls).All(url => TryParse(url, out var isLoopback) && isLoopback);
}
