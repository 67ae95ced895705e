using McpOtelAgent.Lifecycle;
using McpOtelAgent.Probes;
using McpOtelAgent.Sampling;
using McpOtelAgent.Targets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpOtelAgent.Discovery;

/// <summary>
/// Discovery inside the running agent. Every interval (when <see cref="DiscoveryOptions.Enabled"/>) a scan finds the
/// MCP server processes and marks those a target covers; the API serves the latest scan. With
/// <see cref="DiscoveryOptions.AutoAttach"/> every unmonitored server found is attached by pid, then detached once its
/// process is gone (a discovered server has no configuration to be "down" against).
/// </summary>
internal sealed class DiscoveryService(
    DiscoveryScanner scanner,
    TargetRegistry registry,
    SampleStore store,
    IOptions<DiscoveryOptions> options,
    TimeProvider timeProvider,
    ILogger<DiscoveryService> logger) : BackgroundService
{
    /// <summary>Serializes scans and attach rounds, so one scan serves every request that waited for it.</summary>
    private readonly Lock _gate = new();
    /// <summary>The latest scan and when it ran on the monotonic clock (a wall clock stepped back would keep it fresh).</summary>
    private TimedScan? _latest;

    public bool Enabled => options.Value.Enabled;

    public TimeSpan Interval => options.Value.Interval;

    /// <summary>
    /// The latest scan; a new one only when the latest is an interval old (or there is none yet). Requests that arrive
    /// while a scan runs wait for it and share it, so /proc is scanned at most once per interval however many ask.
    /// </summary>
    public DiscoveryScan Latest()
    {
        if (Fresh() is { } latest)
        {
            return latest;
        }

        lock (_gate)
        {
            return Fresh() ?? ScanLocked();
        }
    }

    /// <summary>One auto-attach round: detach discovered targets that went away, scan, attach new servers.</summary>
    public void AttachOnce()
    {
        lock (_gate)
        {
            foreach (var target in registry.Snapshot())
            {
                if (target.Origin == TargetOrigin.Discovered && store.TryGet(target.ServerId, out var sample) && sample.State == TargetState.Down)
                {
                    registry.Remove(target.ServerId);
                }
            }

            // Always a new scan: one taken before a target was registered would attach its process a second time.
            var scan = ScanLocked();
            var servers = new List<DiscoveredServer>(scan.Servers.Count);
            foreach (var server in scan.Servers)
            {
                var attached = !server.Monitored && !registry.Contains(server.ServerId) && !registry.IsDetached(server.ServerId)
                    && registry.Add(new TargetDefinition(server.ServerId, new PidRootSource(server.Key), IncludeChildren: true, TargetOrigin.Discovered))
                        == TargetAddResult.Added;
                if (attached)
                {
                    Log.Discovered(logger, server.Pid, server.Name, server.ServerId);
                }

                servers.Add(attached ? server with { Monitored = true } : server);
            }

            Publish(scan with { Servers = servers });
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        // The first round waits one interval: start-up (the first sweep, launching managed servers) goes first, and an
        // API request before then scans on demand.
        using var timer = new PeriodicTimer(settings.Interval, timeProvider);
        while (await WaitAsync(timer, stoppingToken))
        {
            try
            {
                if (settings.AutoAttach)
                {
                    AttachOnce();
                }
                else
                {
                    // A new scan every tick: Latest() would find the one of the last tick a hair short of an interval old.
                    lock (_gate)
                    {
                        ScanLocked();
                    }
                }
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

    private DiscoveryScan? Fresh()
    {
        // One object, published whole: a scan never pairs with another scan's time.
        var latest = Volatile.Read(ref _latest);
        return latest is not null && timeProvider.GetElapsedTime(latest.Timestamp) < options.Value.Interval ? latest.Scan : null;
    }

    private DiscoveryScan ScanLocked()
    {
        var scan = new DiscoveryScan(timeProvider.GetUtcNow(), scanner.Scan(Covered));
        Publish(scan);
        return scan;
    }

    private void Publish(DiscoveryScan scan) => Volatile.Write(ref _latest, new TimedScan(scan, timeProvider.GetTimestamp()));

    private sealed record TimedScan(DiscoveryScan Scan, long Timestamp);

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
