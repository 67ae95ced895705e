using System.Collections.Immutable;
using McpOtelAgent.Health;
using Microsoft.Extensions.Logging;

namespace McpOtelAgent.Alerts;

/// <summary>
/// Hands every alert event to every sink: the registered <see cref="IAlertSink"/> services (logs, Alertmanager, metrics,
/// callbacks registered at start-up) and callbacks added at run time with <see cref="AddCallback"/>. A failing sink
/// is logged and skipped.
/// </summary>
internal sealed class AlertPipeline(IEnumerable<IAlertSink> sinks, ILogger<AlertPipeline> logger)
{
    private readonly IAlertSink[] _sinks = [.. sinks];
    private ImmutableArray<IAlertSink> _callbacks = [];

    /// <summary>Adds a callback for every later event (the seed's <c>add_alert_callback</c>); dispose the result to remove it.</summary>
    public IDisposable AddCallback(Action<AlertEvent> callback)
    {
        var sink = new CallbackAlertSink(callback);
        ImmutableInterlocked.Update(ref _callbacks, static (list, added) => list.Add(added), (IAlertSink)sink);
        return new CallbackRegistration(() => ImmutableInterlocked.Update(ref _callbacks, static (list, removed) => list.Remove(removed), (IAlertSink)sink));
    }

    public void Publish(IEnumerable<AlertEvent> events)
    {
        foreach (var alertEvent in events)
        {
            foreach (var sink in _sinks)
            {
                Deliver(sink, alertEvent);
            }

            foreach (var sink in _callbacks)
            {
                Deliver(sink, alertEvent);
            }
        }
    }

    private void Deliver(IAlertSink sink, AlertEvent alertEvent)
    {
        try
        {
            sink.Deliver(alertEvent);
        }
        catch (Exception ex)
        {
            HealthLog.SinkFailed(logger, ex, sink.GetType().Name, alertEvent.Alert.Type, alertEvent.Alert.ServerId);
        }
    }
}
