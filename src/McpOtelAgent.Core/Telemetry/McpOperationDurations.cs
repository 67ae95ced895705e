using System.Diagnostics.Metrics;

namespace McpOtelAgent.Telemetry;

/// <summary>
/// The two operation-duration histograms of the OpenTelemetry MCP semantic conventions, created once on one meter. On
/// the agent's meter every source of MCP traffic records into the same pair (reports of <c>wrap</c>, the probes'
/// requests measured by the MCP SDK), so each name has one instrument and <c>/metrics</c> one family.
/// </summary>
internal sealed class McpOperationDurations
{
    public McpOperationDurations(Meter meter)
    {
        var advice = new InstrumentAdvice<double> { HistogramBucketBoundaries = McpDurationBuckets.Seconds };
        Server = meter.CreateHistogram(
            MetricNames.McpServerOperationDuration,
            unit: "s",
            description: "MCP request or notification duration as observed on the receiver, from the time it was received until the result or ack was sent.",
            tags: null,
            advice: advice);
        Client = meter.CreateHistogram(
            MetricNames.McpClientOperationDuration,
            unit: "s",
            description: "MCP request or notification duration as observed on the sender, from the time it was sent until the response or ack was received.",
            tags: null,
            advice: advice);
    }

    /// <summary><c>mcp.server.operation.duration</c>: requests a wrapped server was sent, until its reply.</summary>
    public Histogram<double> Server { get; }

    /// <summary>
    /// <c>mcp.client.operation.duration</c>: requests a wrapped server sent its client, and the agent's own probe
    /// requests to declared servers.
    /// </summary>
    public Histogram<double> Client { get; }
}
