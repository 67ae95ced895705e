using McpOtelAgent.Lifecycle;
using McpOtelAgent.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace McpOtelAgent.Api;

/// <summary>
/// Starting, stopping and restarting declared servers (API key), and the declared servers' lifecycle and probe state.
/// Only a server declared in <c>mcpServers</c> / <c>servers</c> with a command can be started: the API takes an id,
/// never a command.
/// </summary>
internal static class LifecycleEndpoints
{
    public static IServiceCollection AddLifecycleApi(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, McpJsonContext.Default));

    public static RouteGroupBuilder MapLifecycleEndpoints(this RouteGroupBuilder api)
    {
        var servers = api.MapGroup("/servers").WithTags("Lifecycle");
        servers.MapPost("/{id}/start", Start).RequireApiKey().WithName("StartServer")
            .WithSummary("Start a declared stdio server (clears a crash loop)");
        servers.MapPost("/{id}/stop", Stop).RequireApiKey().WithName("StopServer")
            .WithSummary("Stop a managed server: close stdin, SIGTERM, SIGKILL its process group");
        servers.MapPost("/{id}/restart", Restart).RequireApiKey().WithName("RestartServer")
            .WithSummary("Stop, then start a managed server");
        api.MapGet("/mcp/servers", List).WithTags("Lifecycle").WithName("ListMcpServers")
            .WithSummary("Every declared MCP server (stdio and http) with its lifecycle and latest probe");
        return api;
    }

    /// <summary>Adds the lifecycle and probe details of a declared server to its status in <c>GET /servers</c>.</summary>
    public static ServerStatusResponse WithMcpDetails(this ServerStatusResponse response, McpServerCatalog catalog) =>
        catalog.TryGetMonitor(response.Id, out var monitor)
            ? response with
            {
                Lifecycle = catalog.TryGetManaged(response.Id, out var managed) ? ManagedServerResponse.From(managed) : null,
                Mcp = McpProbeResponse.From(monitor.Definition, monitor.Status),
            }
            : response;

    private static Ok<McpServerResponse[]> List(McpServerCatalog catalog) =>
        TypedResults.Ok(catalog.Monitors
            .OrderBy(static m => m.ServerId, StringComparer.Ordinal)
            .Select(m => new McpServerResponse(
                m.ServerId,
                catalog.TryGetManaged(m.ServerId, out var managed) ? ManagedServerResponse.From(managed) : null,
                McpProbeResponse.From(m.Definition, m.Status)))
            .ToArray());

    private static Task<Results<Ok<ManagedServerResponse>, ProblemHttpResult>> Start(string id, McpServerCatalog catalog) =>
        RunAsync(id, catalog, static s => s.StartAsync());

    private static Task<Results<Ok<ManagedServerResponse>, ProblemHttpResult>> Stop(string id, McpServerCatalog catalog) =>
        RunAsync(id, catalog, static s => s.StopAsync());

    private static Task<Results<Ok<ManagedServerResponse>, ProblemHttpResult>> Restart(string id, McpServerCatalog catalog) =>
        RunAsync(id, catalog, static s => s.RestartAsync());

    private static async Task<Results<Ok<ManagedServerResponse>, ProblemHttpResult>> RunAsync(
        string id, McpServerCatalog catalog, Func<ManagedServer, Task> action)
    {
        if (!catalog.TryGetManaged(id, out var server))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Managed server not found",
                detail: $"No stdio server with id '{id}' is declared in mcpServers or servers; only declared servers can be started or stopped.");
        }

        await action(server);
        return TypedResults.Ok(ManagedServerResponse.From(server));
    }
}
