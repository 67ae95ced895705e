using McpOtelAgent.Alerts;
using McpOtelAgent.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace McpOtelAgent.Api;

/// <summary><c>/api/v1/alerts</c>: the seed's <c>get_alerts</c> and <c>clear_alerts</c>.</summary>
internal static class AlertsEndpoints
{
    public static RouteGroupBuilder MapAlertsEndpoints(this RouteGroupBuilder api)
    {
        var alerts = api.MapGroup("/alerts").WithTags("Alerts");
        alerts.MapGet("/", List).WithName("ListAlerts")
            .WithSummary("Firing alerts (oldest first), then resolved ones (newest first); ?serverId= and ?state=firing|resolved filter");
        alerts.MapDelete("/", Clear).RequireApiKey().WithName("ClearAlerts")
            .WithSummary("Resolve firing alerts and forget the history, of one server (?serverId=) or all");
        return api;
    }

    private static Results<Ok<Alert[]>, ValidationProblem> List(AlertManager manager, string? serverId = null, string? state = null)
    {
        AlertState? filter = null;
        if (state is not null)
        {
            if (!AlertStateExtensions.TryParse(state, out var parsed))
            {
                return TypedResults.ValidationProblem(
                    new Dictionary<string, string[]> { ["state"] = ["must be firing or resolved"] }, title: "Invalid query");
            }

            filter = parsed;
        }

        return TypedResults.Ok(manager.GetAlerts(serverId, filter).ToArray());
    }

    private static Ok<ClearAlertsResponse> Clear(AlertManager manager, ILogger<AlertManager> logger, string? serverId = null)
    {
        var cleared = manager.Clear(serverId);
        Health.HealthLog.AlertsCleared(logger, cleared, serverId ?? "all servers");
        return TypedResults.Ok(new ClearAlertsResponse(cleared));
    }
}
