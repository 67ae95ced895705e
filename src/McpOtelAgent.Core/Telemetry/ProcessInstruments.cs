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
    private readonly ConcurrentDictionary<string, (ProcessKey Key, IReadOnlyList<string> Cmdline, string? Exe, string ExeName, string Command)> _info =
        new(StringComparer.Ordinal);

    public ProcessInstruments(AgentMeter agentMeter, SampleStore store, TargetRegistry registry, ProbeErrorCounts errors)
    {
        _store = store;
        var meter = agentMeter.Meter;
        meter.CreateObservableCounter(MetricNames.CpuTime, () => Doubles(static s => [
            Measure(s.CpuUserSeconds, s, AttributeNames.CpuMode, "user"),
            Measure(s.CpuSystemSeconds, s, AttributeNames.CpuMode, "system")]),
            "s", "CPU time of the server's process tree, by mode");
        meter.CreateObservableGauge(MetricNames.CpuUtilization, () => Doubles(static s =>
            s.CpuUtilization is { } u ? [Measure(u, s)] : []),
            "1", "CPU time of the tree over the last interval divided by wall time and by the CPUs available");
        meter.CreateObservableUpDownCounter(MetricNames.MemoryUsage, () => Longs(static s =>
            [Measure((long)s.ResidentMemoryBytes, s)]),
            "By", "Resident set size of the tree");
        meter.CreateObservableUpDownCounter(MetricNames.MemoryVirtual, () => Longs(static s =>
            [Measure((long)s.VirtualMemoryBytes, s)]),
            "By", "Virtual memory size of the tree");
        meter.CreateObservableGauge(MetricNames.MemoryUtilization, () => Doubles(static s =>
            [Measure(s.MemoryPercent / 100, s)]),
            "1", "Resident set size of the tree divided by the host's total memory");
        meter.CreateObservableCounter(MetricNames.DiskIo, () => Longs(static s => s.Io is { } io
            ? [Measure((long)io.ReadBytes, s, AttributeNames.DiskIoDirection, "read"),
               Measure((long)io.WriteBytes, s, AttributeNames.DiskIoDirection, "write")]
            : []),
            "By", "Bytes the tree caused to be read from or written to storage");
        meter.CreateObservableCounter(MetricNames.DiskOperations, () => Longs(static s => s.Io is { } io
            ? [Measure((long)io.ReadCount, s, AttributeNames.DiskIoDirection, "read"),
               Measure((long)io.WriteCount, s, AttributeNames.DiskIoDirection, "write")]
            : []),
            "{operation}", "Read and write system calls of the tree");
        meter.CreateObservableUpDownCounter(MetricNames.ThreadCount, () => Longs(static s =>
            [Measure((long)s.ThreadCount, s)]),
            "{thread}", "Threads in the tree");
        meter.CreateObservableUpDownCounter(MetricNames.FileDescriptorCount, () => Longs(static s =>
            s.OpenFileDescriptors is { } fds ? [Measure((long)fds, s)] : []),
            "{file_descriptor}", "Open file descriptors in the tree");
        meter.CreateObservableCounter(MetricNames.ContextSwitches, () => Longs(static s =>
            s is { VoluntaryContextSwitches: { } voluntary, InvoluntaryContextSwitches: { } involuntary }
                ? [Measure((long)voluntary, s, AttributeNames.ContextSwitchType, "voluntary"),
                   Measure((long)involuntary, s, AttributeNames.ContextSwitchType, "involuntary")]
                : []),
            "{context_switch}", "Context switches of the tree");
        meter.CreateObservableCounter(MetricNames.PagingFaults, () => Longs(static s => [
            Measure((long)s.MajorFaults, s, AttributeNames.PagingFaultType, "major"),
            Measure((long)s.MinorFaults, s, AttributeNames.PagingFaultType, "minor")]),
            "{fault}", "Page faults of the tree");
        meter.CreateObservableGauge(MetricNames.Uptime, () => Doubles(static s =>
            [Measure(s.Uptime.TotalSeconds, s)]),
            "s", "Time since the root process started");
        meter.CreateObservableGauge(MetricNames.Up, () => AllLongs(static s =>
            [Measure(s.State == TargetState.Up ? 1L : 0L, s)]),
            "1", "1 when the server has a live process, 0 when it is configured but down");
        meter.CreateObservableGauge(MetricNames.Info, () => Longs(s => [Info(s)]),
            "1", "Always 1; the root process's executable name, pid and redacted command line");
        meter.CreateObservableUpDownCounter(MetricNames.ProcessCount, () => Longs(static s =>
            [Measure((long)s.ProcessCount, s)]),
            "{process}", "Processes in the tree");
        meter.CreateObservableGauge(MetricNames.ProcessState, () => Longs(static s =>
            [Measure(1L, s, AttributeNames.ProcessState, StateName(s.Root!.State))]),
            "1", "1 for the scheduler state of the root process");
        meter.CreateObservableUpDownCounter(MetricNames.MemoryShared, () => Longs(static s =>
            s.SharedMemoryBytes is { } shared ? [Measure((long)shared, s)] : []),
            "By", "Resident shared (file-backed) memory of the tree");
        meter.CreateObservableCounter(MetricNames.IoChars, () => Longs(static s => s.Io is { } io
            ? [Measure((long)io.ReadChars, s, AttributeNames.DiskIoDirection, "read"),
               Measure((long)io.WriteChars, s, AttributeNames.DiskIoDirection, "write")]
            : []),
            "By", "Bytes the tree passed through read and write system calls, storage or not");
        meter.CreateObservableUpDownCounter(MetricNames.OpenFiles, () => Longs(static s =>
            s.OpenFiles is { } files ? [Measure((long)files, s)] : []),
            "{file}", "Regular files open in the tree");
        meter.CreateObservableUpDownCounter(MetricNames.Connections, () => Longs(static s =>
            s.InetConnections is { } connections ? [Measure((long)connections, s)] : []),
            "{connection}", "TCP and UDP sockets (IPv4 and IPv6) open in the tree");
        meter.CreateObservableUpDownCounter(MetricNames.FileDescriptorLimit, () => Longs(static s =>
            s.FileDescriptorLimit is { } limit ? [Measure((long)Math.Min(limit, long.MaxValue), s)] : []),
            "{file_descriptor}", "RLIMIT_NOFILE soft limit of the root process");
        meter.CreateObservableGauge(MetricNames.FileDescriptorUtilization, () => Doubles(static s =>
            s.FileDescriptorUsageRatio is { } ratio ? [Measure(ratio, s)] : []),
            "1", "Open file descriptors over their limit, for the process of the tree nearest its limit");
        meter.CreateObservableCounter(MetricNames.ProbeErrors, () => errors.Counts.Select(static c =>
            new Measurement<long>(c.Value,
                new KeyValuePair<string, object?>(AttributeNames.ServerId, c.Key.ServerId),
                new KeyValuePair<string, object?>(AttributeNames.Reason, c.Key.Reason))),
            "{error}", "Process reads that did not return everything, by reason (partial, denied, malformed, exception)");
        meter.CreateObservableUpDownCounter(MetricNames.Targets, () => (long)registry.Count,
            "{target}", "Targets registered: configured, attached, managed and discovered");
    }

    private IEnumerable<Measurement<double>> Doubles(Func<TargetSample, Measurement<double>[]> measure) =>
        UpSamples().SelectMany(measure);

    private IEnumerable<Measurement<long>> Longs(Func<TargetSample, Measurement<long>[]> measure) =>
        UpSamples().SelectMany(measure);

    /// <summary>Every sampled target that could have a process here: a url server has none to be up or down.</summary>
    private IEnumerable<Measurement<long>> AllLongs(Func<TargetSample, Measurement<long>[]> measure) =>
        _store.Latest.Where(static s => s.State is not (TargetState.Pending or TargetState.Remote)).SelectMany(measure);

    private IEnumerable<TargetSample> UpSamples() =>
        _store.Latest.Where(static s => s is { State: TargetState.Up, Root: not null });

    private static Measurement<T> Measure<T>(T value, TargetSample sample)
        where T : struct =>
        new(value, new KeyValuePair<string, object?>(AttributeNames.ServerId, sample.ServerId));

    private static Measurement<T> Measure<T>(T value, TargetSample sample, string key, string attribute)
        where T : struct =>
        new(value,
            new KeyValuePair<string, object?>(AttributeNames.ServerId, sample.ServerId),
            new KeyValuePair<string, object?>(key, attribute));

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

            info = (root.Key, root.Cmdline, root.Exe, ExecutableName(root), command);
            _info[sample.ServerId] = info;
        }

        return new Measurement<long>(1,
            new KeyValuePair<string, object?>(AttributeNames.ServerId, sample.ServerId),
            new KeyValuePair<string, object?>(AttributeNames.ExecutableName, info.ExeName),
            new KeyValuePair<string, object?>(AttributeNames.Pid, (long)root.Pid),
            new KeyValuePair<string, object?>(AttributeNames.CommandLine, info.Command));
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
