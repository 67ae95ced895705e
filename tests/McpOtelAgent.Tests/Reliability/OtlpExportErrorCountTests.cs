using System.Collections;
using System.Diagnostics.Metrics;
using System.Diagnostics.Tracing;
using McpOtelAgent.Hosting;
using McpOtelAgent.Telemetry;
using McpOtelAgent.Tests.Agent.Support;
using McpOtelAgent.Tests.Support;
using Xunit.Abstractions;

namespace McpOtelAgent.Tests.Reliability;

/// <summary>
/// The agent exports OTLP to a closed port with the exporter's (experimental) in-memory retry on, so each metrics export
/// sends several requests, every one refused: <c>mcp.agent.export.errors</c> must grow by one per export, and by exactly
/// as many as the exports the SDK attempted over the agent's whole life. No log record goes to OTLP (its logger
/// provider's level is None), so no log batch is exported.
/// </summary>
[Collection(AgentHostCollection.Name)]
[Trait(Support.Reliability.Category, Support.Reliability.Name)]
public sealed class OtlpExportErrorCountTests(ITestOutputHelper output)
{
    [Fact]
    public async Task OtlpErrors_ClosedPortWithRetries_CountOncePerFailedExport()
    {
        using var exports = new ExportAttempts();
        using var counted = new OtlpErrorCount();
        var config = $$"""
            { "Agent": { "Otlp": { "Endpoint": "http://127.0.0.1:{{FreePort.Next()}}", "Protocol": "http/protobuf" } },
              "Logging": { "OpenTelemetry": { "LogLevel": { "Default": "None" } } } }
            """;
        var environment = new Hashtable
        {
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            ["OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY"] = "in_memory",
            ["OTEL_EXPORTER_OTLP_TIMEOUT"] = "2500",
        };

        // Stopping the agent ends its last export, so both counts are final when they are compared.
        await using (await RunningAgent.StartAsync(config, environment))
        {
            await Poll.UntilAsync(() => Task.FromResult(exports.Calls), calls => calls >= 4, "four OTLP metrics exports");
        }

        output.WriteLine($"{exports.Calls} exports, {exports.RefusedRequests} refused requests, {counted.Value} errors counted");
        Assert.True(exports.RefusedRequests > exports.Calls, "the exporter sent one request per export: retries did not happen");
        Assert.Equal(exports.Calls, counted.Value);
    }

    /// <summary>Every OTLP metrics export the SDK starts, and every request the exporter had refused, in this process.</summary>
    private sealed class ExportAttempts : EventListener
    {
        private const string Calling = "BaseExportingMetricReader calling OpenTelemetry.Exporter.OtlpMetricExporter.Export method.";
        private int _calls;
        private int _refused;

        public int Calls => Volatile.Read(ref _calls);

        public int RefusedRequests => Volatile.Read(ref _refused);

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name is "OpenTelemetry-Sdk" or "OpenTelemetry-Exporter-OpenTelemetryProtocol")
            {
                EnableEvents(eventSource, EventLevel.Verbose);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName == "MetricReaderEvent" && eventData.Payload is [Calling, ..])
            {
                Interlocked.Increment(ref _calls);
            }
            else if (eventData.EventName == "FailedToReachCollector")
            {
                Interlocked.Increment(ref _refused);
            }
        }
    }

    /// <summary>
    /// The <c>mcp.agent.export.errors</c> (<c>exporter=otlp</c>) of the next agent built, as it is added to. Instruments
    /// that exist already are left out: the EventSources are process-wide, so an agent another test built and did not
    /// dispose would count the same exporter events into a counter of its own.
    /// </summary>
    private sealed class OtlpErrorCount : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _value;

        public OtlpErrorCount()
        {
            var started = false;
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (Volatile.Read(ref started) && instrument.Meter.Name == AgentMeter.Name && instrument.Name == MetricNames.ExportErrors)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == AttributeNames.Exporter && tag.Value as string == ExportErrors.Otlp)
                    {
                        Interlocked.Add(ref _value, value);
                    }
                }
            });
            _listener.Start();
            Volatile.Write(ref started, true);
        }

        public long Value => Interlocked.Read(ref _value);

        public void Dispose() => _listener.Dispose();
    }
}
