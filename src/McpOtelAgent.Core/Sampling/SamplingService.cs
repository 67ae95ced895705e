using McpOtelAgent.Configuration;
using McpOtelAgent.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpOtelAgent.Sampling;

/// <summary>Runs one sweep at start and then one per monitoring interval; a failing sweep is logged, never fatal.</summary>
internal sealed class SamplingService(
    TargetSampler sampler,
    IOptions<AgentOptions> options,
    TimeProvider timeProvider,
    ILogger<SamplingService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The sweep is synchronous /proc work: leave the host's start-up thread first.
        await Task.Yield();
        var interval = options.Value.MonitoringInterval;
        AgentLog.SamplingStarted(logger, interval.TotalSeconds);

        // The timer starts before the first sweep, so ticks keep to the interval however long that sweep takes.
        using var timer = new PeriodicTimer(interval, timeProvider);
        SweepOnce();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                SweepOnce();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private void SweepOnce()
    {
        try
        {
            sampler.SampleAll();
        }
        catch (Exception ex)
        {
            AgentLog.SweepFailed(logger, ex);
        }
    }
}
