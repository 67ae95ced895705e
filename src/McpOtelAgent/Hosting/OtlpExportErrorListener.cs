using System.Collections.Frozen;
using System.Diagnostics.Tracing;
using OpenTelemetry.Exporter;

namespace McpOtelAgent.Hosting;

/// <summary>
/// Counts failed OTLP exports, once each. The exporter never throws into the app; it reports on its EventSource, one
/// event per failed request (OpenTelemetry 1.20), and with <c>OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY</c> one export sends
/// several requests, so counting its events counted one failed export several times (and counted warnings that are no
/// failure at all: an unsupported attribute type, an invalid setting). A metrics export is judged by the SDK instead,
/// which says once, on the exporting thread, that the exporter's <c>Export</c> failed, retries included; the
/// exporter's request events raised inside it are not counted again. The SDK says nothing of a logs export, so there
/// each failed request counts (one per export unless the experimental retry is on).
/// </summary>
internal sealed class OtlpExportErrorListener(ExportErrors errors) : EventListener
{
    private const string ExporterSource = "OpenTelemetry-Exporter-OpenTelemetryProtocol";
    private const string SdkSource = "OpenTelemetry-Sdk";
    private const string MetricReaderEvent = "MetricReaderEvent";

    /// <summary>BaseExportingMetricReader's verbose messages around each export (OpenTelemetry SDK 1.20).</summary>
    private static readonly string MetricExportCalled = $"BaseExportingMetricReader calling {typeof(OtlpMetricExporter).FullName}.Export method.";

    private static readonly string MetricExportFailed = $"{typeof(OtlpMetricExporter).FullName}.Export failed.";

    private static readonly string MetricExportSucceeded = $"{typeof(OtlpMetricExporter).FullName}.Export succeeded.";

    /// <summary>The exporter's events that each end one request (or one export before any request) in failure.</summary>
    private static readonly FrozenSet<string> RequestFailed = FrozenSet.Create(
        StringComparer.Ordinal,
        "FailedToReachCollector",
        "TransientHttpError",
        "HttpRequestFailed",
        "RequestTimedOut",
        "OperationUnexpectedlyCanceled",
        "ExportFailure",
        "ResponseDeserializationFailed",
        "ResponseDiscardedDueToSizeLimit",
        "RequestDiscardedDueToSizeLimit",
        "BatchDroppedDueToSerializationFailure",
        "TrySubmitRequestException",
        "ExportMethodException");

    /// <summary>
    /// Whether this thread is inside a metrics export, whose request events the SDK's verdict covers. Per thread, not
    /// per listener: every listener sees the same events in the same order, so they would all hold the same value.
    /// </summary>
    [ThreadStatic]
    private static bool _inMetricExport;

    // A field initializer, so it is set before EventListener's constructor replays the existing sources.
    private readonly ExportErrors _errors = errors;

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == ExporterSource)
        {
            EnableEvents(eventSource, EventLevel.Warning);
        }
        else if (eventSource.Name == SdkSource)
        {
            // The export verdicts are verbose events; a few per export or scrape.
            EnableEvents(eventSource, EventLevel.Verbose);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventSource.Name == SdkSource)
        {
            if (eventData.EventName == MetricReaderEvent && eventData.Payload is [string message, ..])
            {
                OnMetricReaderMessage(message);
            }
        }
        else if (eventData.EventName is { } name && RequestFailed.Contains(name) && !_inMetricExport)
        {
            _errors.Add(ExportErrors.Otlp);
        }
    }

    private void OnMetricReaderMessage(string message)
    {
        if (message == MetricExportCalled)
        {
            _inMetricExport = true;
        }
        else if (message == MetricExportFailed)
        {
            _inMetricExport = false;
            _errors.Add(ExportErrors.Otlp);
        }
        else if (message == MetricExportSucceeded)
        {
            _inMetricExport = false;
        }
    }
}
