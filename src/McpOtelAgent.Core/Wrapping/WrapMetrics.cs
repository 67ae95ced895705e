using System.Diagnostics;
using System.Diagnostics.Metrics;
using McpOtelAgent.Telemetry;

namespace McpOtelAgent.Wrapping;

/// <summary>
/// The wrapper's instruments, created once from the meter they belong to: the wrapper's own (OTLP export) or the
/// agent's (when wrappers report to it). Every measurement carries the wrapped server's <c>server_id</c>.
/// </summary>
internal sealed class WrapMetrics
{
    /// <summary>The explicit bucket boundaries the MCP semantic conventions give both operation-duration histograms.</summary>
    private const string PipeTransport = "pipe";

    private readonly Histogram<double> _serverOperations;
    private readonly Histogram<double> _clientOperations;
    private readonly Counter<long> _notifications;

    public WrapMetrics(Meter meter)
    {
        var advice = new InstrumentAdvice<double> { HistogramBucketBoundaries = McpDurationBuckets.Seconds };
        _serverOperations = meter.CreateHistogram(
            MetricNames.McpServerOperationDuration,
            unit: "s",
            description: "Duration of MCP requests sent to the wrapped server, until its reply was passed on.",
            tags: null,
            advice: advice);
        _clientOperations = meter.CreateHistogram(
            MetricNames.McpClientOperationDuration,
            unit: "s",
            description: "Duration of MCP requests the wrapped server sent to its client, until the reply was passed on.",
            tags: null,
            advice: advice);
        _notifications = meter.CreateCounter<long>(
            MetricNames.McpWrapperNotifications,
            unit: "{notification}",
            description: "MCP notifications passed through the wrapper, by method.");
    }

    public void RecordOperation(string serverId, in McpOperation operation)
    {
        var tags = new TagList
        {
            { AttributeNames.McpMethodName, operation.Method },
            { AttributeNames.NetworkTransport, PipeTransport },
            { AttributeNames.ServerId, serverId },
        };
        AddIfPresent(ref tags, AttributeNames.GenAiToolName, operation.ToolName);
        AddIfPresent(ref tags, AttributeNames.GenAiPromptName, operation.PromptName);
        AddIfPresent(ref tags, AttributeNames.ErrorType, operation.ErrorType);
        AddIfPresent(ref tags, AttributeNames.McpProtocolVersion, operation.ProtocolVersion);

        var histogram = operation.Initiator == MessageDirection.ClientToServer ? _serverOperations : _clientOperations;
        histogram.Record(operation.Duration.TotalSeconds, tags);
    }

    public void RecordNotifications(string serverId, string method, long count = 1) =>
        _notifications.Add(
            count,
            new KeyValuePair<string, object?>(AttributeNames.McpMethodName, method),
            new KeyValuePair<string, object?>(AttributeNames.NetworkTransport, PipeTransport),
            new KeyValuePair<string, object?>(AttributeNames.ServerId, serverId));

    private static void AddIfPresent(ref TagList tags, string key, string? value)
    {
        if (value is not null)
        {
            tags.Add(key, value);
        }
    }
}
