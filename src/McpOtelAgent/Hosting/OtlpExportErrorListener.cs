using System.Diagnostics.Tracing;

namespace McpOtelAgent.Hosting;

/// <summary>
/// The OTLP exporter reports a failed export only on its EventSource (it never throws into the app): count its
/// warnings and errors (collector unreachable, export failed, retries given up).
/// </summary>
internal sealed class OtlpExportErrorListener(ExportErrors errors) : EventListener
{
    private const string SourceName = "OpenTelemetry-Exporter-OpenTelemetryProtocol";

    // A field initializer, so it is set before EventListener's constructor replays the existing sources.
    private readonly ExportErrors _errors = errors;

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == SourceName)
        {
            EnableEvents(eventSource, EventLevel.Warning);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.Level is EventLevel.Error or EventLevel.Warning or EventLevel.Critical)
        {
            _errors.Add(ExportErrors.Otlp);
        }
    }
}
