namespace McpOtelAgent.Health;

internal static class HealthStatusExtensions
{
    /// <summary>The lower-case name used in JSON and logs.</summary>
    public static string ToName(this HealthStatus status) => status switch
    {
        HealthStatus.Critical => "critical",
        HealthStatus.Error => "error",
        HealthStatus.Warning => "warning",
        _ => "healthy",
    };
}
