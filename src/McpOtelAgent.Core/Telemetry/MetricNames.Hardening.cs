namespace McpOtelAgent.Telemetry;

internal static partial class MetricNames
{
    /// <summary>
    /// mcp_agent_export_errors_total (counter, {error}; exporter): OTLP exports and Alertmanager pushes that failed
    /// (unreachable, timed out, answered 5xx or 429). Data stays on /metrics whatever they do.
    /// </summary>
    public const string ExportErrors = "mcp.agent.export.errors";
}
