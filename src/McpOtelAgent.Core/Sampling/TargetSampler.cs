using System.Globalization;
using McpOtelAgent.Configuration;
using McpOtelAgent.Probes;
using McpOtelAgent.Targets;
using McpOtelAgent.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpOtelAgent.Sampling;

/// <summary>
/// One sampling sweep: one scan of the process table, then every target resolved, its tree read and summed, and a
/// <see cref="TargetSample"/> published. A target that fails is published as down with the reason; the sweep goes on.
/// The processes' <see cref="ProbeParts.Details"/> are read afresh once per details interval and reused in between.
/// </summary>
internal sealed class TargetSampler(
    ProcessProbe probe,
    TargetRegistry registry,
    SampleStore store,
    ProbeErrorCounts errors,
    IOptions<AgentOptions> options,
    ILogger<TargetSampler> logger)
{
    /// <summary>
    /// Every how many sweeps the details are read afresh: counted in sweeps, not on the clock, so sweep jitter cannot
    /// stretch 15 s into 20 and a clock stepped back cannot freeze them.
    /// </summary>
    private readonly long _detailsEvery = DetailsEvery(options.Value);

    // The root carries the command line, exe and children the info series and the API show; the rest of its tree
    // needs only numbers.
    private readonly ProbeParts _rootParts = ProbeParts.Extended & probe.SupportedParts;
    private readonly ProbeParts _childParts = ProbeParts.Extended & probe.SupportedParts
        & ~(ProbeParts.Cmdline | ProbeParts.Exe | ProbeParts.Cwd | ProbeParts.Children);

    private readonly Dictionary<string, TargetTracker> _trackers = new(StringComparer.Ordinal);
    private readonly List<TargetResolution?> _resolutions = [];
    private readonly List<int> _pids = [];
    private long _sweeps;

    public void SampleAll()
    {
        var sweep = probe.BeginSweep();
        var reuse = _sweeps++ % _detailsEvery == 0 ? ProbeParts.None : ProbeParts.Details;

        var targets = registry.Snapshot();
        ResolveRoots(targets, sweep);
        for (var t = 0; t < targets.Length; t++)
        {
            var target = targets[t];
            var tracker = TrackerFor(target);
            TargetSample sample;
            try
            {
                sample = Sample(target, tracker, sweep, reuse, _resolutions[t] ?? target.Root.Resolve(sweep));
            }
            catch (Exception ex)
            {
                errors.Increment(target.ServerId, "exception");
                AgentLog.TargetSampleFailed(logger, target.ServerId, ex);
                sample = Down(target, tracker, sweep.Timestamp, $"sampling failed: {ex.Message}");
            }

            LogTransition(target.ServerId, sample);
            store.Publish(sample);
            if (!registry.Contains(target.ServerId))
            {
                store.Remove(target.ServerId);
            }
        }

        foreach (var id in _trackers.Keys.Where(id => !registry.Contains(id)).ToArray())
        {
            _trackers.Remove(id);
        }

        errors.Forget(id => !registry.Contains(id));
    }

    /// <summary>
    /// Finds every target's root, and its tree when it has one, before reading any target's files. The sweep reads a
    /// process's stat (its CPU ticks) when first asked: asked here, every root's ticks are read at the start of the
    /// sweep, a steady distance from its timestamp, rather than after the files of the targets before it, which take
    /// longer on a details sweep and would skew the CPU percent of the targets read last. A root that fails to
    /// resolve here is resolved again, and fails, where the sample can report it.
    /// </summary>
    private void ResolveRoots(IReadOnlyList<TargetDefinition> targets, ProcessSweep sweep)
    {
        _resolutions.Clear();
        foreach (var target in targets)
        {
            TargetResolution? resolution = null;
            try
            {
                resolution = target.Root.Resolve(sweep);
                if (resolution.Value.RootPid is { } rootPid && sweep.TryGetKey(rootPid, out _) && target.IncludeChildren)
                {
                    // The child index reads the stat of every process now, trees included.
                    sweep.ChildrenOf(rootPid);
                }
            }
            catch (Exception)
            {
                resolution = null;
            }

            _resolutions.Add(resolution);
        }
    }

    private static long DetailsEvery(AgentOptions options) =>
        Math.Max(1, (long)Math.Round(options.DetailsInterval / options.MonitoringInterval));

    /// <summary>Logs a server going down or coming up, once per change rather than every interval.</summary>
    private void LogTransition(string serverId, TargetSample sample)
    {
        var before = store.TryGet(serverId, out var previous) ? previous.State : TargetState.Pending;
        if (sample.State == before)
        {
            return;
        }

        if (sample.State == TargetState.Down)
        {
            AgentLog.TargetDown(logger, serverId, sample.DownReason ?? string.Empty);
        }
        else if (sample.State == TargetState.Up)
        {
            AgentLog.TargetUp(logger, serverId, sample.Root?.Pid ?? 0, sample.ProcessCount);
        }
    }

    private TargetTracker TrackerFor(TargetDefinition target)
    {
        if (!_trackers.TryGetValue(target.ServerId, out var tracker) || !ReferenceEquals(tracker.Definition, target))
        {
            tracker = new TargetTracker(target);
            _trackers[target.ServerId] = tracker;
        }

        return tracker;
    }

    private TargetSample Sample(TargetDefinition target, TargetTracker tracker, ProcessSweep sweep, ProbeParts reuse, TargetResolution resolution)
    {
        if (resolution.RootPid is not { } rootPid)
        {
            return Down(target, tracker, sweep.Timestamp, resolution.DownReason, resolution.State);
        }

        if (!sweep.TryGetKey(rootPid, out var rootKey))
        {
            return Down(target, tracker, sweep.Timestamp, Invariant($"no such pid {rootPid}"));
        }

        var pids = _pids;
        pids.Clear();
        pids.Add(rootPid);
        if (target.IncludeChildren)
        {
            sweep.CollectDescendants(rootPid, pids);
        }

        var processes = new List<ProcessSnapshot>(pids.Count);
        var missing = ProbeParts.None;
        for (var i = 0; i < pids.Count; i++)
        {
            var key = i == 0 ? rootKey : default;
            if (i > 0 && !sweep.TryGetKey(pids[i], out key))
            {
                continue;
            }

            var result = probe.Read(key, i == 0 ? _rootParts : _childParts, sweep, reuse);
            // A process that exits between the scan and the read is churn, not an error (a shell's short-lived children).
            if (result.Outcome is not (ProbeOutcome.Ok or ProbeOutcome.Gone))
            {
                errors.Increment(target.ServerId, ReasonOf(result.Outcome));
            }

            if (result.Snapshot is { } snapshot)
            {
                processes.Add(snapshot);
                missing |= result.MissingParts;
            }
            else if (i == 0)
            {
                return Down(target, tracker, sweep.Timestamp, result.Outcome switch
                {
                    ProbeOutcome.Gone => Invariant($"pid {rootPid} exited"),
                    ProbeOutcome.Denied => Invariant($"permission denied reading pid {rootPid}"),
                    _ => Invariant($"pid {rootPid} unreadable: {result.Error}"),
                });
            }
        }

        var cpuPercent = tracker.Advance(sweep.Timestamp, rootKey, processes);
        return Aggregate(target.ServerId, sweep.Timestamp, processes, missing, cpuPercent, tracker.Totals);
    }

    private TargetSample Aggregate(
        string serverId,
        DateTimeOffset timestamp,
        List<ProcessSnapshot> processes,
        ProbeParts missing,
        double? cpuPercent,
        CumulativeTotals totals)
    {
        ulong rss = 0, vms = 0;
        ulong? shared = null;
        double memoryPercent = 0;
        var threads = 0;
        int? fds = null, openFiles = null, connections = null;
        double? fdRatio = null;
        foreach (var p in processes)
        {
            rss += p.ResidentMemoryBytes;
            vms += p.VirtualMemoryBytes;
            memoryPercent += p.MemoryPercent;
            threads += p.ThreadCount;
            shared = Sum(shared, p.SharedMemoryBytes);
            fds = Sum(fds, p.OpenFileDescriptors);
            openFiles = Sum(openFiles, p.OpenFiles);
            connections = Sum(connections, p.InetConnections);
            if (p is { OpenFileDescriptors: { } open, FileDescriptorLimit: { } limit and > 0 })
            {
                fdRatio = Math.Max(fdRatio ?? 0, open / (double)limit);
            }
        }

        var root = processes[0];
        return new TargetSample
        {
            ServerId = serverId,
            Timestamp = timestamp,
            State = TargetState.Up,
            Root = root,
            Processes = processes,
            CpuPercent = cpuPercent,
            CpuUtilization = cpuPercent / 100 / probe.CpusAvailableTo(root.Key),
            CpuUserSeconds = totals.UserSeconds,
            CpuSystemSeconds = totals.SystemSeconds,
            ResidentMemoryBytes = rss,
            VirtualMemoryBytes = vms,
            SharedMemoryBytes = shared,
            MemoryPercent = memoryPercent,
            ThreadCount = threads,
            OpenFileDescriptors = fds,
            FileDescriptorLimit = root.FileDescriptorLimit,
            FileDescriptorUsageRatio = fdRatio,
            Io = totals.HasIo ? totals.Io : null,
            VoluntaryContextSwitches = totals.HasContextSwitches ? totals.VoluntaryContextSwitches : null,
            InvoluntaryContextSwitches = totals.HasContextSwitches ? totals.InvoluntaryContextSwitches : null,
            MinorFaults = totals.MinorFaults,
            MajorFaults = totals.MajorFaults,
            OpenFiles = openFiles,
            InetConnections = connections,
            MissingParts = missing,
        };
    }

    /// <summary>A sample without processes: down, or in <paramref name="state"/> when its root source says why there are none.</summary>
    private static TargetSample Down(
        TargetDefinition target, TargetTracker tracker, DateTimeOffset timestamp, string? reason, TargetState state = TargetState.Down)
    {
        tracker.MarkDown();
        return new TargetSample
        {
            ServerId = target.ServerId,
            Timestamp = timestamp,
            State = state,
            DownReason = reason,
        };
    }

    private static string ReasonOf(ProbeOutcome outcome) => outcome switch
    {
        ProbeOutcome.Partial => "partial",
        ProbeOutcome.Denied => "denied",
        ProbeOutcome.Malformed => "malformed",
        _ => "other",
    };

    private static ulong? Sum(ulong? total, ulong? value) => value is { } v ? (total ?? 0) + v : total;

    private static int? Sum(int? total, int? value) => value is { } v ? (total ?? 0) + v : total;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
