using McpOtelAgent.Health;
using McpOtelAgent.Sampling;
using McpOtelAgent.Targets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace McpOtelAgent.Api;

/// <summary><c>GET /api/v1/servers/{id}/health</c>: the seed's <c>get_process_health</c>.</summary>
internal static class HealthEndpoints
{
    /// <summary>The JSON contract of the health, alert and threshold endpoints.</summary>
    public static IServiceCollection AddHealthApi(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, HealthJsonContext.Default));

    public static RouteGroupBuilder MapHealthEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/servers/{id}/health", Get).WithTags("Health").WithName("GetServerHealth")
            .WithSummary("The latest health check: status, issues with value and threshold, counts, forecasts");
        return api;
    }

    /// <summary>The latest periodic check; a server sampled but not yet checked is evaluated now.</summary>
    private static Results<Ok<HealthResponse>, ProblemHttpResult> Get(
        string id, TargetRegistry registry, HealthReportStore reports, SampleStore samples, HealthMonitor monitor, TimeProvider time)
    {
        if (!registry.Contains(id))
        {
            return ServerEndpoints.NotFound(id);
        }

        if (reports.TryGet(id, out var report))
        {
            return TypedResults.Ok(HealthResponse.From(report));
        }

        return TypedResults.Ok(samples.TryGet(id, out var sample) && sample.State != TargetState.Pending
            ? HealthResponse.From(monitor.Check(sample, time.GetUtcNow()))
            : HealthResponse.NotChecked(id));
    }
}
