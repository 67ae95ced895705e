using McpOtelAgent.Lifecycle;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace McpOtelAgent.Mcp;

/// <summary>
/// Probes every declared server with probing enabled, each on its own interval; a managed server that has just
/// started (or restarted) is probed at once, so its session, tool count and protocol version are current.
/// </summary>
internal sealed class McpProbeService(McpServerCatalog catalog, TimeProvider timeProvider, ILogger<McpProbeService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(catalog.Monitors.Where(static m => m.Settings.Enabled).Select(m => ProbeLoopAsync(m, stoppingToken)));

    private async Task ProbeLoopAsync(McpServerMonitor monitor, CancellationToken stoppingToken)
    {
        using var wake = new SemaphoreSlim(0);
        void OnStarted(ManagedServer server, ManagedProcess process) => wake.Release();
        var managed = catalog.TryGetManaged(monitor.ServerId, out var server) ? server : null;
        if (managed is not null)
        {
            managed.ProcessStarted += OnStarted;
        }

        try
        {
            await Task.Yield();
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await monitor.ProbeOnceAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Log.ProbeFailed(logger, monitor.ServerId, monitor.Status.ConsecutiveFailures, ex.Message);
                }

                using var interval = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var delay = Task.Delay(monitor.Settings.Interval, timeProvider, interval.Token);
                await Task.WhenAny(delay, wake.WaitAsync(interval.Token));
                await interval.CancelAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            if (managed is not null)
            {
                managed.ProcessStarted -= OnStarted;
            }
        }
    }
}
