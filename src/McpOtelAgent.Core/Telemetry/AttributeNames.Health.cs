namespace McpOtelAgent.Telemetry;

internal static partial class AttributeNames
{
    /// <summary>high_cpu, high_memory, resource_limit, process_health, process_down, trend_degradation, ...</summary>
    public const string AlertType = "alert_type";

    /// <summary>info, warning, error, critical.</summary>
    public const string Severity = "severity";

    /// <summary>firing or resolved, on alert events.</summary>
    public const string AlertState = "state";

    /// <summary>A threshold name (memory_mb, file_descriptors) on forecasts.</summary>
    public const string Threshold = "threshold";
}
