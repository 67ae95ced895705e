using System.Diagnostics;
using System.Diagnostics.Metrics;
using McpOtelAgent.Lifecycle;
using McpOtelAgent.Telemetry;

namespace McpOtelAgent.Mcp;

/// <summary>
/// Carries the MCP C# SDK's client measurements of the probes (meter <c>Experimental.ModelContextProtocol</c>:
/// <c>mcp.client.operation.duration</c>, <c>mcp.client.session.duration</c>) into the agent's own instruments with the
/// probed server's <c>server_id</c>, which the SDK has no hook to add.
/// </summary>
/// <remarks>
/// The SDK records synchronously, in the execution context of the code that sent a request (the <c>finally</c> of
/// <c>McpSessionHandler.SendRequestAsync</c>), of its message loop (started inside <c>McpClient.CreateAsync</c>, so it
/// captures the context of whoever connected), or of whoever disposes the client (session duration). Every monitor
/// connects, probes and disposes with itself in <see cref="McpServerMonitor.InScope"/>, so each measurement finds its
/// monitor there. A measurement of one of this agent's monitors is re-recorded with the SDK's attributes plus
/// <c>server_id</c>; one with no monitor in scope names no server and is only counted; one of another agent host's
/// monitors (tests run several hosts in one process, and a listener hears every meter of the process) is left to it;
/// the SDK's timing of an incoming reply is no operation and is left out.
/// </remarks>
internal sealed class McpSdkMetricsBridge : IDisposable
{
    private const string SdkMeterName = "Experimental.ModelContextProtocol";

    /// <summary>
    /// The method name the SDK gives an incoming reply: <c>McpSessionHandler.HandleMessageAsync</c> times every message
    /// it receives on the same instrument, a response included. That measures handing the reply to its waiting request
    /// (microseconds), whose own duration <c>SendRequestAsync</c> has recorded already: it is no operation.
    /// </summary>
    private const string SdkReplyMethod = "unknownMethod";

    private readonly McpServerCatalog _catalog;
    private readonly MeterListener _listener;
    private long _dropped;

    public McpSdkMetricsBridge(AgentMeter agentMeter, McpOperationDurations operations, McpServerCatalog catalog)
    {
        _catalog = catalog;
        var meter = agentMeter.Meter;
        var sessions = meter.CreateHistogram(
            MetricNames.McpClientSessionDuration, "s", "Duration of the agent's MCP probe sessions with a server, recorded when one closes",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = McpDurationBuckets.SessionSeconds });
        meter.CreateObservableCounter(MetricNames.SdkDroppedMeasurements, () => Volatile.Read(ref _dropped),
            "{measurement}", "MCP SDK measurements taken outside any probe: they name no server and are not exported");

        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                // The SDK's client instruments have the semantic-convention names that the agent's own instruments have.
                var target = instrument.Meter.Name != SdkMeterName ? null : instrument.Name switch
                {
                    MetricNames.McpClientOperationDuration => operations.Client,
                    MetricNames.McpClientSessionDuration => sessions,
                    _ => null,
                };
                if (target is not null)
                {
                    listener.EnableMeasurementEvents(instrument, target);
                }
            },
        };
        _listener.SetMeasurementEventCallback<double>(OnMeasurement);
        _listener.Start();
    }

    public void Dispose() => _listener.Dispose();

    private void OnMeasurement(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (IsReply(tags))
        {
            return;
        }

        if (McpServerMonitor.InScope is not { } monitor)
        {
            Interlocked.Increment(ref _dropped);
            return;
        }

        if (_catalog.TryGetMonitor(monitor.ServerId, out var own) && ReferenceEquals(own, monitor) && state is Histogram<double> target)
        {
            var attributes = new TagList(tags) { { AttributeNames.ServerId, monitor.ServerId } };
            target.Record(value, attributes);
        }
    }

    private static bool IsReply(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == AttributeNames.McpMethodName)
            {
                return tag.Value is SdkReplyMethod;
            }
        }

        return false;
    }
}
