using System.Diagnostics.Metrics;
using McpOtelAgent.Alerts;
using McpOtelAgent.Telemetry;
using Microsoft.Extensions.Hosting;

namespace McpOtelAgent.Health;

/// <summary>
/// Health and alert gauges, created once from the agent's meter when the host starts. Observable: every collection
/// reads the latest health reports and the firing alerts, so a removed server's series and a resolved alert's series
/// vanish. A hosted service rather than resolved while the host is built: its dependencies read options, which must
/// be validated with every other section at start-up, not one by one.
/// </summary>
internal sealed class HealthInstruments(AgentMeter agentMeter, HealthReportStore reports, AlertManager alerts) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        CreateInstruments();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void CreateInstruments()
    {
        var meter = agentMeter.Meter;
        meter.CreateObservableGauge(
            MetricNames.HealthStatus,
            () => reports.Latest.Select(static r => new Measurement<int>((int)r.Status, new KeyValuePair<string, object?>(AttributeNames.ServerId, r.ServerId))),
            "1",
            "Latest health check: 0 healthy, 1 warning, 2 error, 3 critical");
        meter.CreateObservableGauge(
            MetricNames.HealthTimeToThreshold,
            () => reports.Latest.SelectMany(static r => r.Forecasts.Select(f => new Measurement<double>(
                f.TimeToThreshold.TotalSeconds,
                new KeyValuePair<string, object?>(AttributeNames.ServerId, r.ServerId),
                new KeyValuePair<string, object?>(AttributeNames.Threshold, f.Threshold)))),
            "s",
            "Seconds until the threshold's warning level is reached at the current least-squares trend");
        meter.CreateObservableUpDownCounter(
            MetricNames.AlertsActive,
            () => alerts.GetAlerts(state: AlertState.Firing)
                .GroupBy(static a => (a.ServerId, a.Type, a.Severity))
                .Select(static g => new Measurement<int>(
                    g.Count(),
                    new KeyValuePair<string, object?>(AttributeNames.ServerId, g.Key.ServerId),
                    new KeyValuePair<string, object?>(AttributeNames.AlertType, g.Key.Type),
                    new KeyValuePair<string, object?>(AttributeNames.Severity, g.Key.Severity.ToName()))),
            "{alert}",
            "Alerts firing now");
    }
}
