using McpOtelAgent.Lifecycle;
using McpOtelAgent.Probes;
using McpOtelAgent.Sampling;
using McpOtelAgent.Targets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpOtelAgent.Discovery;

/// <summary>
/// Discovery inside the running agent: what a scan finds is marked monitored when a target's process tree covers it
/// (each target resolved against the scan's own sweep), and with <see cref="DiscoveryOptions.AutoAttach"/> every
/// unmonitored server found is attached by pid, then detached once its process is gone (a discovered server has no
/// configuration to be "down" against).
/// </summary>
internal sealed class DiscoveryService(
    DiscoveryScanner scanner,
    TargetRegistry registry,
    SampleStore store,
    IOptions<DiscoveryOptions> options,
    TimeProvider timeProvider,
    ILogger<DiscoveryService> logger) : BackgroundService
{
    /// <summary>Scans now; each server found says whether a target covers it, and which.</summary>
    public List<DiscoveredServer> Scan() => scanner.Scan(Covered);

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

        // The first round waits one interval: start-up (the first sweep, launching managed servers) goes first.
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

    /// <summary>
    /// Every pid a target covers, resolved against the scan's own sweep rather than taken from the latest samples: a
    /// target covers its process from the moment it is registered (by the API, a wrapper, the supervisor, discovery),
    /// not from the sampler's next interval, and a server that restarted is covered under its new pid at once. A target
    /// that includes children covers its whole tree; one that does not (the agent itself) its root only.
    /// </summary>
    private Dictionary<int, string> Covered(ProcessSweep sweep)
    {
        var covered = new Dictionary<int, string>();
        var tree = new List<int>();
        foreach (var target in registry.Snapshot())
        {
            if (target.Root.Resolve(sweep).RootPid is not { } root)
            {
                continue;
            }

            covered.TryAdd(root, target.ServerId);
            if (target.IncludeChildren)
            {
                tree.Clear();
                sweep.CollectDescendants(root, tree);
                foreach (var pid in tree)
                {
                    covered.TryAdd(pid, target.ServerId);
                }
            }
        }

        return covered;
    }
}
