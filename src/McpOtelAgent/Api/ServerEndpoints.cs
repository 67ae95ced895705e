using System.Text.Json;
using McpOtelAgent.Configuration;
using McpOtelAgent.Lifecycle;
using McpOtelAgent.Sampling;
using McpOtelAgent.Security;
using McpOtelAgent.Targets;
using McpOtelAgent.Telemetry;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace McpOtelAgent.Api;

/// <summary><c>/api/v1/servers</c>: list, inspect, attach and detach targets.</summary>
internal static class ServerEndpoints
{
    public static RouteGroupBuilder MapServerEndpoints(this RouteGroupBuilder api)
    {
        var servers = api.MapGroup("/servers").WithTags("Servers");
        servers.MapGet("/", List).WithName("ListServers").WithSummary("Every target with its state and latest metrics");
        servers.MapGet("/{id}", Get).WithName("GetServer").WithSummary("One target: how it is found, state, why down, pids, metrics");
        servers.MapGet("/{id}/metrics", GetMetrics).WithName("GetServerMetrics").WithSummary("The seed's ProcessMetrics");
        servers.MapGet("/{id}/metrics/extended", GetExtendedMetrics).WithName("GetServerExtendedMetrics")
            .WithSummary("The seed's ExtendedProcessMetrics");
        servers.MapGet("/{id}/trends", GetTrends).WithName("GetServerTrends").WithSummary("The trend window: history, averages, peaks");
        servers.MapPost("/", Add).RequireApiKey().WithName("AddServer").WithSummary("Attach a process by pid, pidFile or match");
        servers.MapDelete("/{id}", Remove).RequireApiKey().WithName("RemoveServer").WithSummary("Stop monitoring a target");
        return api;
    }

    private static Ok<ServerStatusResponse[]> List(TargetRegistry registry, SampleStore store, McpServerCatalog catalog) =>
        TypedResults.Ok(registry.Snapshot()
            .Select(t => ServerResponses.Status(t, store.TryGet(t.ServerId, out var s) ? s : null).WithMcpDetails(catalog))
            .ToArray());

    private static Results<Ok<ServerStatusResponse>, ProblemHttpResult> Get(
        string id, TargetRegistry registry, SampleStore store, McpServerCatalog catalog) =>
        registry.TryGet(id, out var target)
            ? TypedResults.Ok(ServerResponses.Status(target, Latest(store, id)).WithMcpDetails(catalog))
            : NotFound(id);

    private static Results<Ok<ProcessMetricsResponse>, ProblemHttpResult> GetMetrics(string id, TargetRegistry registry, SampleStore store) =>
        registry.Contains(id) ? TypedResults.Ok(ServerResponses.Metrics(id, Latest(store, id))) : NotFound(id);

    private static Results<Ok<ExtendedMetricsResponse>, ProblemHttpResult> GetExtendedMetrics(
        string id, TargetRegistry registry, SampleStore store) =>
        registry.Contains(id) ? TypedResults.Ok(ServerResponses.Extended(id, Latest(store, id))) : NotFound(id);

    private static Results<Ok<TrendsResponse>, ProblemHttpResult> GetTrends(
        string id, TargetRegistry registry, SampleStore store, IOptions<AgentOptions> options) =>
        registry.Contains(id)
            ? TypedResults.Ok(ServerResponses.Trends(id, store.GetTrends(id), options.Value.TrendWindowSize))
            : NotFound(id);

    private static Results<Created<ServerStatusResponse>, ValidationProblem, ProblemHttpResult> Add(
        AddServerRequest? request, TargetRegistry registry, ILogger<TargetRegistry> logger)
    {
        if (request is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["a JSON object is required"] });
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!ServerId.IsValid(request.Id))
        {
            errors["id"] = [request.Id is null ? "is required" : $"must be {ServerId.Rule}"];
        }

        var spec = new TargetOptions
        {
            Pid = request.Pid,
            PidFile = request.PidFile,
            Match = request.Match,
            IncludeChildren = request.IncludeChildren ?? true,
        };
        foreach (var group in TargetSpec.Validate(spec).GroupBy(e => JsonNamingPolicy.CamelCase.ConvertName(e.Property)))
        {
            errors[group.Key] = group.Select(e => e.Message).ToArray();
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid server");
        }

        var target = TargetSpec.ToDefinition(request.Id!, spec, TargetOrigin.Api);
        switch (registry.Add(target))
        {
            case TargetAddResult.Exists:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Server exists",
                    detail: $"A server with id '{target.ServerId}' is already monitored.");
            case TargetAddResult.Full:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Too many servers",
                    detail: $"Agent:MaxTargets ({registry.MaxTargets}) servers are monitored already.");
            default:
                AgentLog.TargetAdded(logger, target.ServerId, target.Root.Description, target.Origin.ToString());
                return TypedResults.Created($"/api/v1/servers/{Uri.EscapeDataString(target.ServerId)}",
                    ServerResponses.Status(target, null));
        }
    }

    private static Results<NoContent, ProblemHttpResult> Remove(string id, TargetRegistry registry, ILogger<TargetRegistry> logger)
    {
        var result = registry.Detach(id);
        if (result == TargetDetachResult.NotFound)
        {
            return NotFound(id);
        }

        if (result == TargetDetachResult.NotDetachable)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Server cannot be detached",
                detail: $"Server '{id}' comes from the configuration, is launched by the agent or is the agent itself; "
                    + "remove it from the configuration instead.");
        }

        AgentLog.TargetRemoved(logger, id);
        return TypedResults.NoContent();
    }

    private static TargetSample? Latest(SampleStore store, string id) => store.TryGet(id, out var sample) ? sample : null;

    internal static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Server not found",
            detail: $"No server with id '{id}' is monitored.");
}
