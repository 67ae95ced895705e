namespace McpOtelAgent.Health;

internal static class SeverityExtensions
{
    /// <summary>The lower-case name used in JSON, log fields, metric attributes and Alertmanager labels.</summary>
    public static string ToName(this Severity severity) => severity switch
    {
        Severity.Info => "info",
        Severity.Warning => "warning",
        Severity.Error => "error",
        Severity.Critical => "critical",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, null),
    };
}
