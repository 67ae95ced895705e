using McpOtelAgent.Security;
using McpOtelAgent.Targets;
using McpOtelAgent.Wrapping;
using Microsoft.AspNetCore.Http.HttpResults;

namespace McpOtelAgent.Api;

/// <summary>
/// <c>POST /api/v1/servers/{id}/mcp-traffic</c>: where <c>mcp-otel-agent wrap --agent URL</c> delivers the MCP traffic
/// of the server it wraps. Each duration is recorded into the agent's own <c>mcp.server.operation.duration</c>
/// histogram with <c>server_id</c> = <c>{id}</c>, so a wrapped server's traffic appears on the agent's <c>/metrics</c>
/// and OTLP export next to its process metrics. Only targets are accepted (404 otherwise): the histogram is synchronous,
/// so a series once recorded stays for the agent's lifetime, and ids nobody registered would add series without bound.
/// The wrapper attaches its server before it reports, and again when it hears 404. Like every mutating route it needs
/// the API key.
/// </summary>
internal static class WrapEndpoints
{
    public static RouteGroupBuilder MapWrapEndpoints(this RouteGroupBuilder group)
    {
        group.MapPost("/servers/{id}/mcp-traffic", RecordTraffic)
            .RequireApiKey()
            .WithTags("Servers")
            .WithName("RecordMcpTraffic")
            .WithSummary("Records MCP operations and notifications measured by a wrapper, for a server the agent monitors")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    internal static Results<NoContent, ValidationProblem, ProblemHttpResult> RecordTraffic(
        string id, McpTrafficReport report, WrapMetrics metrics, TargetRegistry registry)
    {
        var errors = report.Validate();
        if (!ServerId.IsValid(id))
        {
            errors["id"] = [$"must be {ServerId.Rule}"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (!registry.Contains(id))
        {
            return ServerEndpoints.NotFound(id);
        }

        foreach (var batch in report.Operations)
        {
            foreach (var seconds in batch.DurationsSeconds)
            {
                metrics.RecordOperation(id, batch.ToOperation(seconds));
            }
        }

        foreach (var notification in report.Notifications)
        {
            metrics.RecordNotifications(id, notification.Method, notification.Count);
        }

        return TypedResults.NoContent();
    }
}
