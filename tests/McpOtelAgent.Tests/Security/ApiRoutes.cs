using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace McpOtelAgent.Tests.Security;

/// <summary>
/// Every route the running agent serves, read from its <see cref="EndpointDataSource"/>, so a route added later is
/// covered by the contract tests without anyone listing it.
/// </summary>
internal sealed partial record ApiRoutes(string Method, RouteEndpoint Endpoint)
{
    public const string ServerId = "mcp-otel-agent";

    private static readonly HashSet<string> ReadMethods = new(StringComparer.OrdinalIgnoreCase) { "GET", "HEAD", "OPTIONS" };

    public bool IsMutating => !ReadMethods.Contains(Method);

    public string Pattern => Endpoint.RoutePattern.RawText ?? string.Empty;

    public static IReadOnlyList<ApiRoutes> All(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => new ApiRoutes(m, e)))
            .ToArray();

    /// <summary>The route's path with each parameter filled: ids with <paramref name="id"/>, names with a known threshold.</summary>
    public string Path(string id = ServerId) => "/" + Parameter().Replace(Pattern.TrimStart('/'), m => m.Groups[1].Value switch
    {
        "name" => "cpu_percent",
        _ => Uri.EscapeDataString(id),
    });

    public override string ToString() => $"{Method} {Pattern}";

    [GeneratedRegex(@"\{\**([A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex Parameter();
}
