using McpOtelAgent.Health;

namespace McpOtelAgent.Api;

/// <summary>
/// The seed's HealthMetrics for one server. <c>status</c> is healthy, warning, error or critical, or unknown before
/// the server's first sample.
/// </summary>
internal sealed record HealthResponse(
    string ServerId,
    string Status,
    bool IsHealthy,
    HealthIssueResponse[] Issues,
    int WarningCount,
    int ErrorCount,
    DateTimeOffset? LastCheck,
    HealthForecastResponse[] Forecasts)
{
    public const string Unknown = "unknown";

    public static HealthResponse From(HealthReport report) => new(
        report.ServerId,
        report.Status.ToName(),
        report.IsHealthy,
        [.. report.Issues.Select(static i => new HealthIssueResponse(i.Rule, i.AlertType, i.Severity, i.Message, i.Value, i.Threshold, i.For.TotalSeconds))],
        report.WarningCount,
        report.ErrorCount,
        report.LastCheck,
        [.. report.Forecasts.Select(static f => new HealthForecastResponse(f.Threshold, f.Current, f.Limit, f.SlopePerSecond, f.TimeToThreshold.TotalSeconds))]);

    public static HealthResponse NotChecked(string serverId) => new(serverId, Unknown, false, [], 0, 0, null, []);
}
