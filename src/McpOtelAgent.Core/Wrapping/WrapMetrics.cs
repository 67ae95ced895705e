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
    /// <summary>The <c>network.transport</c> of stdio, as the MCP semantic conventions spell it.</summary>
    private const string PipeTransport = "pipe";

    private readonly McpOperationDurations _operations;
    private readonly Counter<long> _notifications;

    /// <summary>On a meter of the wrapper's own, with operation histograms of its own (OTLP export mode, tests).</summary>
    public WrapMetrics(Meter meter)
        : this(meter, new McpOperationDurations(meter))
    {
    }

    /// <summary>On the agent's meter, recording operations into the histograms the probes share.</summary>
    public WrapMetrics(Meter meter, McpOperationDurations operations)
    {
        _operations = operations;
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

        var histogram = operation.Initiator == MessageDirection.ClientToServer ? _operations.Server : _operations.Client;
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
