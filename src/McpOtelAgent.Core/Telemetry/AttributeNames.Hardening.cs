namespace McpOtelAgent.Telemetry;

internal static partial class AttributeNames
{
    /// <summary>otlp or alertmanager, on export errors.</summary>
    public const string Exporter = "exporter";
}
