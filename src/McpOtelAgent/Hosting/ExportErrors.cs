using System.Diagnostics.Metrics;
using McpOtelAgent.Telemetry;

namespace McpOtelAgent.Hosting;

/// <summary>The <c>mcp.agent.export.errors</c> counter: failed OTLP exports and Alertmanager pushes, by exporter.</summary>
internal sealed class ExportErrors
{
    public const string Otlp = "otlp";
    public const string Alertmanager = "alertmanager";

    private readonly Counter<long> _errors;

    public ExportErrors(AgentMeter meter) =>
        _errors = meter.Meter.CreateCounter<long>(MetricNames.ExportErrors, "{error}", "Failed OTLP exports and Alertmanager pushes");

    public void Add(string exporter) => _errors.Add(1, new KeyValuePair<string, object?>(AttributeNames.Exporter, exporter));
}
