using McpOtelAgent.Alerts;
using McpOtelAgent.Sampling;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpOtelAgent.Health;

/// <summary>
/// Every <see cref="HealthOptions.CheckInterval"/>, evaluates every sampled server (latest sample, trend window,
/// effective thresholds), keeps the report, and feeds it to the alert manager. Servers that left the sample store
/// have their reports dropped and their alerts resolved. One server's failure never stops the others.
/// </summary>
internal sealed class HealthMonitor(
    SampleStore samples,
    HealthEvaluator evaluator,
    ThresholdStore thresholds,
    HealthReportStore reports,
    AlertManager alerts,
    IOptions<HealthOptions> options,
    TimeProvider timeProvider,
    ILogger<HealthMonitor> logger) : BackgroundService
{
    private readonly HealthOptions _options = options.Value;

    /// <summary>One health check of every server, at the current time.</summary>
    public void CheckAll()
    {
        var now = timeProvider.GetUtcNow();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sample in samples.Latest)
        {
            seen.Add(sample.ServerId);
            try
            {
                var report = Check(sample, now);
                alerts.Evaluate(report);
                reports.Set(report);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                HealthLog.HealthCheckFailed(logger, ex, sample.ServerId);
            }
        }

        foreach (var gone in reports.ServerIds.Where(id => !seen.Contains(id)).ToList())
        {
            reports.Remove(gone);
            alerts.RemoveServer(gone);
        }
    }

    /// <summary>Evaluates one server now without recording it (for a server not checked yet).</summary>
    public HealthReport Check(TargetSample sample, DateTimeOffset now) =>
        evaluator.Evaluate(sample, samples.GetTrends(sample.ServerId), thresholds.GetAll(sample.ServerId), _options, now);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.CheckInterval, timeProvider);
        try
        {
            do
            {
                try
                {
                    CheckAll();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    HealthLog.HealthSweepFailed(logger, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
