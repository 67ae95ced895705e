using McpOtelAgent.Discovery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace McpOtelAgent.Api;

/// <summary><c>GET /api/v1/discovery</c>: a scan for MCP server processes now, each marked monitored or not.</summary>
internal static class DiscoveryEndpoints
{
    public static RouteGroupBuilder MapDiscoveryEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/discovery", Scan).WithTags("Discovery").WithName("Discover")
            .WithSummary("MCP server processes on this host: pid, name, redacted command, monitored, the server_id it has or would get");
        return api;
    }

    private static Ok<DiscoveredServerResponse[]> Scan(DiscoveryService discovery) =>
        TypedResults.Ok(discovery.Scan().Select(DiscoveredServerResponse.From).ToArray());
}
