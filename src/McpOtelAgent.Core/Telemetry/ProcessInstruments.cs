using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using McpOtelAgent.Probes;
using McpOtelAgent.Redaction;
using McpOtelAgent.Sampling;
using McpOtelAgent.Targets;

namespace McpOtelAgent.Telemetry;

/// <summary>
/// The per-server process instruments. Created once; every callback reads the latest samples of the
/// <see cref="SampleStore"/> (nothing touches /proc on a collection), and reports only what was measured: a
/// target that is down, or a value that could not be read, has no measurement rather than a fake 0. Being
/// observable, a removed target's series vanish at the next collection.
/// </summary>
internal sealed class ProcessInstruments
{
    /// <summary>Long enough to recognise a command, short enough to keep one label value small.</summary>
    private const int MaxCommandLength = 256;

    private readonly SampleStore _store;

    /// <summary>
    /// The info series' exe name and redacted command line per server, redone only when the root process or its
    /// command line changes: redaction runs regexes, too much for every collection of every target.
    /// </summary>
    private readonly ConcurrentDictionary<string, (ProcessKey Key, IReadOnlyList<string> Cmdline, string? Exe, string ExeName, string Command, object Pid)> _info =
        new(StringComparer.Ordinal);

    public ProcessInstruments(AgentMeter agentMeter, SampleStore store, TargetRegistry registry, ProbeErrorCounts errors)
    {
        _store = store;
        var meter = agentMeter.Meter;
        meter.CreateObservableCounter(MetricNames.CpuTime, () => Pairs<double>(static s =>
            (s.CpuUserSeconds, s.CpuSystemSeconds), AttributeNames.CpuMode, "user", "system"),
            "s", "CPU time of the server's process tree, by mode");
        meter.CreateObservableGauge(MetricNames.CpuUtilization, () => Singles<double>(static s => s.CpuUtilization),
            "1", "CPU time of the tree over the last interval divided by wall time and by the CPUs available");
        meter.CreateObservableUpDownCounter(MetricNames.MemoryUsage, () => Singles<long>(static s => (long)s.ResidentMemoryBytes),
            "By", "Resident set size of the tree");
        meter.CreateObservableUpDownCounter(MetricNames.MemoryVirtual, () => Singles<long>(static s => (long)s.VirtualMemoryBytes),
            "By", "Virtual memory size of the tree");
        meter.CreateObservableGauge(MetricNames.MemoryUtilization, () => Singles<double>(static s => s.MemoryPercent / 100),
            "1", "Resident set size of the tree divided by the host's total memory");
        meter.CreateObservableCounter(MetricNames.DiskIo, () => Pairs<long>(static s =>
            s.Io is { } io ? ((long)io.ReadBytes, (long)io.WriteBytes) : null, AttributeNames.DiskIoDirection, "read", "write"),
            "By", "Bytes the tree caused to be read from or written to storage");
        meter.CreateObservableCounter(MetricNames.DiskOperations, () => Pairs<long>(static s =>
            s.Io is { } io ? ((long)io.ReadCount, (long)io.WriteCount) : null, AttributeNames.DiskIoDirection, "read", "write"),
            "{operation}", "Read and write system calls of the tree");
        meter.CreateObservableUpDownCounter(MetricNames.ThreadCount, () => Singles<long>(static s => (long)s.ThreadCount),
            "{thread}", "Threads in the tree");
        meter.CreateObservableUpDownCounter(MetricNames.FileDescriptorCount, () => Singles<long>(static s => (long?)s.OpenFileDescriptors),
            "{file_descriptor}", "Open file descriptors in the tree");
        meter.CreateObservableCounter(MetricNames.ContextSwitches, () => Pairs<long>(static s =>
            s is { VoluntaryContextSwitches: { } voluntary, InvoluntaryContextSwitches: { } involuntary } ? ((long)voluntary, (long)involuntary) : null,
            AttributeNames.ContextSwitchType, "voluntary", "involuntary"),
            "{context_switch}", "Context switches of the tree");
        meter.CreateObservableCounter(MetricNames.PagingFaults, () => Pairs<long>(static s =>
            ((long)s.MajorFaults, (long)s.MinorFaults), AttributeNames.PagingFaultType, "major", "minor"),
            "{fault}", "Page faults of the tree");
        meter.CreateObservableGauge(MetricNames.Uptime, () => Singles<double>(static s => s.Uptime.TotalSeconds),
            "s", "Time since the root process started");
        meter.CreateObservableGauge(MetricNames.Up, UpStates,
            "1", "1 when the server has a live process, 0 when it is configured but down");
        meter.CreateObservableGauge(MetricNames.Info, () => EachUp(Info),
            "1", "Always 1; the root process's executable name, pid and redacted command line");
        meter.CreateObservableUpDownCounter(MetricNames.ProcessCount, () => Singles<long>(static s => (long)s.ProcessCount),
            "{process}", "Processes in the tree");
        meter.CreateObservableGauge(MetricNames.ProcessState, () => EachUp(static s =>
            new Measurement<long>(1L, ServerId(s), new(AttributeNames.ProcessState, StateName(s.Root!.State)))),
            "1", "1 for the scheduler state of the root process");
        meter.CreateObservableUpDownCounter(MetricNames.MemoryShared, () => Singles<long>(static s => (long?)s.SharedMemoryBytes),
            "By", "Resident shared (file-backed) memory of the tree");
        meter.CreateObservableCounter(MetricNames.IoChars, () => Pairs<long>(static s =>
            s.Io is { } io ? ((long)io.ReadChars, (long)io.WriteChars) : null, AttributeNames.DiskIoDirection, "read", "write"),
            "By", "Bytes the tree passed through read and write system calls, storage or not");
        meter.CreateObservableUpDownCounter(MetricNames.OpenFiles, () => Singles<long>(static s => (long?)s.OpenFiles),
            "{file}", "Regular files open in the tree");
        meter.CreateObservableUpDownCounter(MetricNames.Connections, () => Singles<long>(static s => (long?)s.InetConnections),
            "{connection}", "TCP and UDP sockets (IPv4 and IPv6) open in the tree");
        meter.CreateObservableUpDownCounter(MetricNames.FileDescriptorLimit, () => Singles<long>(static s =>
            s.FileDescriptorLimit is { } limit ? (long)Math.Min(limit, long.MaxValue) : (long?)null),
            "{file_descriptor}", "RLIMIT_NOFILE soft limit of the root process");
        meter.CreateObservableGauge(MetricNames.FileDescriptorUtilization, () => Singles<double>(static s => s.FileDescriptorUsageRatio),
            "1", "Open file descriptors over their limit, for the process of the tree nearest its limit");
        meter.CreateObservableCounter(MetricNames.ProbeErrors, () => errors.Counts.Select(static c =>
            new Measurement<long>(c.Value,
                new KeyValuePair<string, object?>(AttributeNames.ServerId, c.Key.ServerId),
                new KeyValuePair<string, object?>(AttributeNames.Reason, c.Key.Reason))),
            "{error}", "Process reads that did not return everything, by reason (partial, denied, malformed, exception)");
        meter.CreateObservableUpDownCounter(MetricNames.Targets, () => (long)registry.Count,
            "{target}", "Targets registered: configured, attached, managed and discovered");
    }

    // Iterators over the store's array rather than LINQ over per-sample arrays: a collection of 1,000 servers makes
    // ~29,000 measurements, and each array or enumerator per server per instrument is garbage of every scrape.

    /// <summary>One measurement per up server, labelled by server_id; a null value (not measured) makes none.</summary>
    private IEnumerable<Measurement<T>> Singles<T>(Func<TargetSample, T?> value)
        where T : struct
    {
        foreach (var sample in _store.Latest)
        {
            if (IsUp(sample) && value(sample) is { } measured)
            {
                yield return new(measured, ServerId(sample));
            }
        }
    }

    /// <summary>Two measurements per up server, told apart by one attribute (a CPU mode, an I/O direction).</summary>
    private IEnumerable<Measurement<T>> Pairs<T>(Func<TargetSample, (T First, T Second)?> values, string key, string first, string second)
        where T : struct
    {
        foreach (var sample in _store.Latest)
        {
            if (IsUp(sample) && values(sample) is { } pair)
            {
                yield return new(pair.First, ServerId(sample), new(key, first));
                yield return new(pair.Second, ServerId(sample), new(key, second));
            }
        }
    }

    /// <summary>Every sampled target that could have a process here: a url server has none to be up or down.</summary>
    private IEnumerable<Measurement<long>> UpStates()
    {
        foreach (var sample in _store.Latest)
        {
            if (sample.State is not (TargetState.Pending or TargetState.Remote))
            {
                yield return new(sample.State == TargetState.Up ? 1L : 0L, ServerId(sample));
            }
        }
    }

    /// <summary>One measurement per up server, made whole by <paramref name="measure"/> (attributes beyond server_id).</summary>
    private IEnumerable<Measurement<long>> EachUp(Func<TargetSample, Measurement<long>> measure)
    {
        foreach (var sample in _store.Latest)
        {
            if (IsUp(sample))
            {
                yield return measure(sample);
            }
        }
    }

    private static bool IsUp(TargetSample sample) => sample is { State: TargetState.Up, Root: not null };

    private static KeyValuePair<string, object?> ServerId(TargetSample sample) => new(AttributeNames.ServerId, sample.ServerId);

    private Measurement<long> Info(TargetSample sample)
    {
        var root = sample.Root!;
        if (!_info.TryGetValue(sample.ServerId, out var info) || info.Key != root.Key || info.Exe != root.Exe
            || !info.Cmdline.SequenceEqual(root.Cmdline))
        {
            var command = SecretRedactor.RedactCommandLine(root.Cmdline);
            if (command.Length > MaxCommandLength)
            {
                command = string.Concat(command.AsSpan(0, MaxCommandLength - 1), "…");
            }

            info = (root.Key, root.Cmdline, root.Exe, ExecutableName(root), command, (long)root.Pid);
            _info[sample.ServerId] = info;
        }

        return new(1,
            ServerId(sample),
            new(AttributeNames.ExecutableName, info.ExeName),
            new(AttributeNames.Pid, info.Pid),
            new(AttributeNames.CommandLine, info.Command));
    }

    /// <summary>The exe's file name when readable, else comm (at most 15 bytes, but always there).</summary>
    public static string ExecutableName(ProcessSnapshot root) =>
        root.Exe is { Length: > 0 } exe ? Path.GetFileName(exe.Replace(" (deleted)", string.Empty, StringComparison.Ordinal)) : root.Name;

    /// <summary>psutil's status names, as the seed reported them.</summary>
    public static string StateName(ProcessState state) => state switch
    {
        Probes.ProcessState.Running => "running",
        Probes.ProcessState.Sleeping => "sleeping",
        Probes.ProcessState.DiskSleep => "disk-sleep",
        Probes.ProcessState.Stopped => "stopped",
        Probes.ProcessState.TracingStop => "tracing-stop",
        Probes.ProcessState.Zombie => "zombie",
        Probes.ProcessState.Dead => "dead",
        Probes.ProcessState.WakeKill => "wake-kill",
        Probes.ProcessState.Waking => "waking",
        Probes.ProcessState.Idle => "idle",
        Probes.ProcessState.Parked => "parked",
        _ => "unknown",
    };
}
