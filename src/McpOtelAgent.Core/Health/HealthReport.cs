namespace McpOtelAgent.Health;

/// <summary>The seed's HealthMetrics for one server at one health check.</summary>
internal sealed record HealthReport(
    string ServerId,
    HealthStatus Status,
    IReadOnlyList<HealthIssue> Issues,
    IReadOnlyList<HealthForecast> Forecasts,
    DateTimeOffset LastCheck)
{
    public int WarningCount => Issues.Count(static i => i.Severity == Severity.Warning);

    /// <summary>Error and critical issues, as the seed's error count includes everything worse than a warning.</summary>
    public int ErrorCount => Issues.Count(static i => i.Severity >= Severity.Error);

    public bool IsHealthy => Status == HealthStatus.Healthy;

    public static HealthStatus StatusOf(IEnumerable<HealthIssue> issues)
    {
        var worst = issues.Select(static i => i.Severity).DefaultIfEmpty(Severity.Info).Max();
        return worst switch
        {
            Severity.Critical => HealthStatus.Critical,
            Severity.Error => HealthStatus.Error,
            Severity.Warning => HealthStatus.Warning,
            _ => HealthStatus.Healthy,
        };
    }
}
