using McpOtelAgent.Probes;

namespace McpOtelAgent.Sampling;

/// <summary>
/// What one sweep saw of one target (an MCP server with a stable <c>server_id</c>). Resource figures are summed over
/// the target's process tree (root plus descendants unless the target monitors the root only). Immutable: the
/// sampler publishes a new one each interval and every reader (metrics callbacks, health, API) reads it as is.
/// </summary>
internal sealed record TargetSample
{
    public required string ServerId { get; init; }

    public required DateTimeOffset Timestamp { get; init; }

    public required TargetState State { get; init; }

    /// <summary>Why a down target is down: "no such pid", "pid file missing", "no process matches", ...</summary>
    public string? DownReason { get; init; }

    /// <summary>The root process of the tree (the one attached, launched or matched).</summary>
    public ProcessSnapshot? Root { get; init; }

    /// <summary>Every process of the tree that was read, root first.</summary>
    public IReadOnlyList<ProcessSnapshot> Processes { get; init; } = [];

    public int ProcessCount => Processes.Count;

    /// <summary>psutil's cpu_percent over the tree: Δ CPU time / Δ wall time × 100. Null on the first sample.</summary>
    public double? CpuPercent { get; init; }

    /// <summary><c>process.cpu.utilization</c>: <see cref="CpuPercent"/> / 100 / CPUs available. Null on the first sample.</summary>
    public double? CpuUtilization { get; init; }

    public double CpuUserSeconds { get; init; }

    public double CpuSystemSeconds { get; init; }

    public ulong ResidentMemoryBytes { get; init; }

    public ulong VirtualMemoryBytes { get; init; }

    public ulong? SharedMemoryBytes { get; init; }

    public double MemoryPercent { get; init; }

    public int ThreadCount { get; init; }

    public int? OpenFileDescriptors { get; init; }

    /// <summary>RLIMIT_NOFILE soft limit of the root process; null when unlimited or unreadable.</summary>
    public ulong? FileDescriptorLimit { get; init; }

    /// <summary>Highest open fds / RLIMIT_NOFILE soft limit over the tree's processes (the one nearest its limit).</summary>
    public double? FileDescriptorUsageRatio { get; init; }

    /// <summary>Cumulative I/O of the tree, kept monotonic across children exiting (see <see cref="CumulativeTotals"/>).</summary>
    public IoCounters? Io { get; init; }

    public ulong? VoluntaryContextSwitches { get; init; }

    public ulong? InvoluntaryContextSwitches { get; init; }

    public ulong MinorFaults { get; init; }

    public ulong MajorFaults { get; init; }

    public int? OpenFiles { get; init; }

    public int? InetConnections { get; init; }

    /// <summary>Parts that could not be read for some process of the tree (permission, exit mid-read).</summary>
    public ProbeParts MissingParts { get; init; }

    public double MemoryMegabytes => ResidentMemoryBytes / (1024.0 * 1024.0);

    public TimeSpan Uptime => Root?.Uptime(Timestamp) ?? TimeSpan.Zero;
}
