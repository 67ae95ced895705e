using McpOtelAgent.Lifecycle;
using McpOtelAgent.Sampling;
using McpOtelAgent.Targets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpOtelAgent.Discovery;

/// <summary>
/// Discovery inside the running agent: what a scan finds is marked monitored when a target's process tree covers it
/// (from the latest samples), and with <see cref="DiscoveryOptions.AutoAttach"/> every unmonitored server found is
/// attached by pid, then detached once its process is gone (a discovered server has no configuration to be "down" against).
/// </summary>
internal sealed class DiscoveryService(
    DiscoveryScanner scanner,
    TargetRegistry registry,
    SampleStore store,
    McpServerCatalog catalog,
    IOptions<DiscoveryOptions> options,
    TimeProvider timeProvider,
    ILogger<DiscoveryService> logger) : BackgroundService
{
    /// <summary>Scans now; each server found says whether a target covers it, and which.</summary>
    public List<DiscoveredServer> Scan()
    {
        var monitored = new Dictionary<int, string>();
        foreach (var sample in store.Latest)
        {
            if (sample.State == TargetState.Up && registry.Contains(sample.ServerId))
            {
                foreach (var process in sample.Processes)
                {
                    monitored.TryAdd(process.Pid, sample.ServerId);
                }
            }
        }

        // A managed server is covered from its launch on, before the sampler has seen it.
        foreach (var server in catalog.Managed)
        {
            if (server.CurrentProcess is { } process)
            {
                monitored.TryAdd(process.Pid, server.Id);
            }
        }

        return scanner.Scan(monitored);
    }

    /// <summary>One auto-attach round: detach discovered targets that went away, attach new servers.</summary>
    public void AttachOnce()
    {
        foreach (var target in registry.Snapshot())
        {
            if (target.Origin == TargetOrigin.Discovered && store.TryGet(target.ServerId, out var sample) && sample.State == TargetState.Down)
            {
                registry.Remove(target.ServerId);
            }
        }

        foreach (var server in Scan())
        {
            if (!server.Monitored && !registry.Contains(server.ServerId) && !registry.IsDetached(server.ServerId)
                && registry.Add(new TargetDefinition(server.ServerId, new PidRootSource(server.Pid), IncludeChildren: true, TargetOrigin.Discovered))
                    == TargetAddResult.Added)
            {
                Log.Discovered(logger, server.Pid, server.Name, server.ServerId);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled || !settings.AutoAttach)
        {
            return;
        }

        // The first round waits one interval: by then the sampler has seen every configured target, so what they
        // cover is not attached a second time.
        using var timer = new PeriodicTimer(settings.Interval, timeProvider);
        while (await WaitAsync(timer, stoppingToken))
        {
            try
            {
                AttachOnce();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.DiscoveryFailed(logger, ex);
            }
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
