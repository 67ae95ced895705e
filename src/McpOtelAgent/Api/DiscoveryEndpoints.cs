using McpOtelAgent.Discovery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace McpOtelAgent.Api;

/// <summary>
/// <c>GET /api/v1/discovery</c>: the MCP server processes of the latest discovery scan, each marked monitored or not.
/// The scan runs in the background every <c>Agent:Discovery:IntervalSeconds</c>; a request scans only when the latest
/// one is older than that, and concurrent requests share it.
/// </summary>
internal static class DiscoveryEndpoints
{
    public static RouteGroupBuilder MapDiscoveryEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/discovery", Get).WithTags("Discovery").WithName("Discover")
            .WithSummary("MCP server processes on this host from the latest scan (scannedAt): pid, name, redacted command, "
                + "monitored, the server_id it has or would get; enabled false when Agent:Discovery:Enabled is off");
        return api;
    }

    private static Ok<DiscoveryResponse> Get(DiscoveryService discovery) => TypedResults.Ok(DiscoveryResponse.From(discovery));
}
