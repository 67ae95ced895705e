using Microsoft.Extensions.Options;

namespace McpOtelAgent.Alerts;

/// <summary>
/// Queues every alert event for Alertmanager. A firing alert's <c>endsAt</c> is four resend intervals ahead (as
/// Prometheus does), so Alertmanager resolves it by itself if the agent dies; a resolved one carries its real end.
/// Severity is a label, so a severity change resolves the alert under the old label set and fires it under the new.
/// </summary>
internal sealed class AlertmanagerSink(AlertmanagerQueue queue, IOptions<AlertOptions> options) : IAlertSink
{
    private readonly TimeSpan _firingValidity = 4 * options.Value.Alertmanager.ResendInterval;
    private readonly bool _enabled = options.Value.Alertmanager.Url is not null;

    public void Deliver(AlertEvent alertEvent)
    {
        if (!_enabled)
        {
            return;
        }

        var alert = alertEvent.Alert;
        if (alertEvent.Kind == AlertEventKind.SeverityChanged && alertEvent.PreviousSeverity is { } previous)
        {
            queue.Enqueue(AlertmanagerAlert.From(alert, previous, alert.UpdatedAt));
        }

        queue.Enqueue(Firing(alert) ?? AlertmanagerAlert.From(alert, alert.Severity, alert.EndsAt ?? alert.UpdatedAt));
    }

    /// <summary>The notification that keeps a firing alert alive in Alertmanager; null for a resolved alert.</summary>
    public AlertmanagerAlert? Firing(Alert alert, DateTimeOffset? now = null) => alert.State == AlertState.Firing
        ? AlertmanagerAlert.From(alert, alert.Severity, (now ?? alert.UpdatedAt) + _firingValidity)
        : null;
}
