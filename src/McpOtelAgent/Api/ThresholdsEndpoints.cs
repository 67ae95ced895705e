using System.Text.Json;
using McpOtelAgent.Health;
using McpOtelAgent.Security;
using McpOtelAgent.Targets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace McpOtelAgent.Api;

/// <summary>
/// <c>/api/v1/thresholds</c> and <c>/api/v1/servers/{id}/thresholds</c>: effective values, and run-time changes (the
/// seed's <c>set_alert_threshold</c>). A PUT body replaces the setting at its level; fields left out inherit, and
/// <c>{}</c> removes it.
/// </summary>
internal static class ThresholdsEndpoints
{
    public static RouteGroupBuilder MapThresholdsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/thresholds", List).WithTags("Thresholds").WithName("ListThresholds")
            .WithSummary("Effective global thresholds, and those of every server with overrides");
        api.MapPut("/thresholds/{name}", SetGlobal).RequireApiKey().WithTags("Thresholds").WithName("SetThreshold")
            .WithSummary("Set a threshold for every server: {\"warning\": 90, \"critical\": 98, \"forSeconds\": 60}");
        api.MapGet("/servers/{id}/thresholds", GetForServer).WithTags("Thresholds").WithName("GetServerThresholds")
            .WithSummary("Effective thresholds of one server");
        api.MapPut("/servers/{id}/thresholds/{name}", SetForServer).RequireApiKey().WithTags("Thresholds").WithName("SetServerThreshold")
            .WithSummary("Override a threshold for one server");
        return api;
    }

    private static Ok<ThresholdsResponse> List(ThresholdStore store) => TypedResults.Ok(new ThresholdsResponse(
        Effective(store, null),
        store.ServersWithOverrides().ToDictionary(static id => id, id => Effective(store, id), StringComparer.Ordinal)));

    private static Results<Ok<ThresholdResponse[]>, ProblemHttpResult> GetForServer(string id, TargetRegistry registry, ThresholdStore store) =>
        registry.Contains(id) ? TypedResults.Ok(Effective(store, id)) : ServerEndpoints.NotFound(id);

    private static Results<Ok<ThresholdResponse>, ValidationProblem, ProblemHttpResult> SetGlobal(
        string name, ThresholdOptions? setting, ThresholdStore store, ILogger<ThresholdStore> logger) =>
        Set(name, setting, null, store, logger);

    private static Results<Ok<ThresholdResponse>, ValidationProblem, ProblemHttpResult> SetForServer(
        string id, string name, ThresholdOptions? setting, TargetRegistry registry, ThresholdStore store, ILogger<ThresholdStore> logger) =>
        registry.Contains(id) ? Set(name, setting, id, store, logger) : ServerEndpoints.NotFound(id);

    private static Results<Ok<ThresholdResponse>, ValidationProblem, ProblemHttpResult> Set(
        string name, ThresholdOptions? setting, string? serverId, ThresholdStore store, ILogger<ThresholdStore> logger)
    {
        if (ThresholdDefinition.Find(name) is not { } definition)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Threshold not found",
                detail: $"No threshold '{name}'; known: {string.Join(", ", ThresholdDefinition.All.Select(static d => d.Name))}.");
        }

        if (setting is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["a JSON object is required"] });
        }

        var problems = serverId is null ? store.SetGlobal(definition.Name, setting) : store.SetForServer(serverId, definition.Name, setting);
        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(
                problems.GroupBy(static p => JsonNamingPolicy.CamelCase.ConvertName(p.Field))
                    .ToDictionary(static g => g.Key, static g => g.Select(static p => p.Message).ToArray(), StringComparer.Ordinal),
                title: "Invalid threshold");
        }

        var effective = store.Get(definition.Name, serverId);
        HealthLog.ThresholdChanged(
            logger, effective.Name, serverId ?? "all servers", effective.Warning, effective.Critical, effective.For.TotalSeconds);
        return TypedResults.Ok(ThresholdResponse.From(effective));
    }

    private static ThresholdResponse[] Effective(ThresholdStore store, string? serverId) =>
        [.. store.GetAll(serverId).Select(ThresholdResponse.From)];
}
