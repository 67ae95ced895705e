namespace McpOtelAgent.Probes;

/// <summary>
/// One sample of one process, in kernel units, with SI accessors on top. Fields of parts that were not requested
/// or could not be read are null (or empty); <see cref="ProbeResult.MissingParts"/> says which.
/// </summary>
internal sealed record ProcessSnapshot
{
    public required ProcessKey Key { get; init; }

    public int Pid => Key.Pid;

    /// <summary>The <c>comm</c> field of <c>/proc/[pid]/stat</c> (at most 15 bytes, may hold spaces and parentheses).</summary>
    public required string Name { get; init; }

    public required ProcessState State { get; init; }

    public required int ParentPid { get; init; }

    public required long ClockTicksPerSecond { get; init; }

    public required ulong UserTicks { get; init; }

    public required ulong SystemTicks { get; init; }

    public required ulong ChildrenUserTicks { get; init; }

    public required ulong ChildrenSystemTicks { get; init; }

    public required ulong MinorFaults { get; init; }

    public required ulong MajorFaults { get; init; }

    public required int ThreadCount { get; init; }

    public required int Nice { get; init; }

    public required ulong VirtualMemoryBytes { get; init; }

    /// <summary>
    /// RSS: <c>statm</c> resident × page size when <see cref="ProbeParts.Statm"/> was read (exact, as psutil), else
    /// <c>stat</c> field 24 (approximate on Linux 6.16+).
    /// </summary>
    public required ulong ResidentMemoryBytes { get; init; }

    /// <summary>When the process started (boot time + start ticks).</summary>
    public required DateTimeOffset CreateTime { get; init; }

    /// <summary>RSS / MemTotal × 100, as psutil's <c>memory_percent()</c>.</summary>
    public required double MemoryPercent { get; init; }

    /// <summary>Resident file-backed/shared memory (<c>statm</c> field 3 × page size).</summary>
    public ulong? SharedMemoryBytes { get; init; }

    /// <summary>Real uid from <c>/proc/[pid]/status</c>.</summary>
    public int? Uid { get; init; }

    public string? UserName { get; init; }

    public ulong? VoluntaryContextSwitches { get; init; }

    public ulong? InvoluntaryContextSwitches { get; init; }

    public IoCounters? Io { get; init; }

    public int? OpenFileDescriptors { get; init; }

    /// <summary>Regular files open through fds, counted as psutil's <c>open_files()</c> does.</summary>
    public int? OpenFiles { get; init; }

    /// <summary>TCP and UDP sockets over IPv4 and IPv6, counted as psutil's <c>net_connections('inet')</c> does.</summary>
    public int? InetConnections { get; init; }

    /// <summary>Soft RLIMIT_NOFILE from <c>/proc/[pid]/limits</c>; null when unlimited or unreadable.</summary>
    public ulong? FileDescriptorLimit { get; init; }

    /// <summary>Arguments of <c>/proc/[pid]/cmdline</c>; empty for kernel threads and zombies.</summary>
    public IReadOnlyList<string> Cmdline { get; init; } = [];

    public string? Exe { get; init; }

    public string? Cwd { get; init; }

    /// <summary>Direct children, from the sweep's ppid map.</summary>
    public IReadOnlyList<int> Children { get; init; } = [];

    public double CpuUserSeconds => UserTicks / (double)ClockTicksPerSecond;

    public double CpuSystemSeconds => SystemTicks / (double)ClockTicksPerSecond;

    public double CpuSeconds => (UserTicks + SystemTicks) / (double)ClockTicksPerSecond;

    public double ChildrenCpuUserSeconds => ChildrenUserTicks / (double)ClockTicksPerSecond;

    public double ChildrenCpuSystemSeconds => ChildrenSystemTicks / (double)ClockTicksPerSecond;

    public TimeSpan Uptime(DateTimeOffset now) => now > CreateTime ? now - CreateTime : TimeSpan.Zero;
}
