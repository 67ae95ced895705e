namespace McpOtelAgent.Probes;

/// <summary>
/// The parts of a process sample, one per /proc source. Callers ask only for what they publish, so a basic
/// sample does the least /proc work; a result says which requested parts are missing.
/// </summary>
[Flags]
internal enum ProbeParts
{
    None = 0,

    /// <summary><c>/proc/[pid]/stat</c>: state, ppid, CPU times, faults, threads, nice, start time, VMS, RSS.</summary>
    Stat = 1 << 0,

    /// <summary><c>/proc/[pid]/statm</c>: shared (file-backed resident) memory.</summary>
    Statm = 1 << 1,

    /// <summary><c>/proc/[pid]/status</c>: uid, context switches.</summary>
    Status = 1 << 2,

    /// <summary><c>/proc/[pid]/io</c>: syscall counts, storage bytes and chars (needs ptrace access).</summary>
    Io = 1 << 3,

    /// <summary><c>/proc/[pid]/fd</c> directory: open fd count.</summary>
    FdCount = 1 << 4,

    /// <summary>
    /// <c>/proc/[pid]/fd/*</c> link targets: open regular files and socket inodes (connections). Missing with
    /// <see cref="ProcessSnapshot.OpenFiles"/> still set when only the inet socket tables could not be read.
    /// </summary>
    FdTargets = 1 << 5,

    /// <summary><c>/proc/[pid]/limits</c>: RLIMIT_NOFILE soft limit.</summary>
    Limits = 1 << 6,

    /// <summary><c>/proc/[pid]/cmdline</c>.</summary>
    Cmdline = 1 << 7,

    /// <summary><c>/proc/[pid]/exe</c> link.</summary>
    Exe = 1 << 8,

    /// <summary><c>/proc/[pid]/cwd</c> link.</summary>
    Cwd = 1 << 9,

    /// <summary>
    /// Direct children, from the sweep's parent→children index: building it reads the stat of every process on the
    /// host, which a sample of a few pids otherwise never does.
    /// </summary>
    Children = 1 << 10,

    /// <summary>What the seed's ProcessMetrics needs.</summary>
    Basic = Stat | Statm | FdCount,

    /// <summary>What the seed's ExtendedProcessMetrics needs.</summary>
    Extended = Basic | Status | Io | FdTargets | Limits | Cmdline | Exe | Cwd | Children,

    /// <summary>
    /// The costly details: what a process is and holds (open files and sockets, fd limit, command line, exe, cwd,
    /// children), which change rarely yet cost the most (one <c>readlinkat</c> per descriptor; the stat of every
    /// process for the children), and <c>status</c> (uid, context switches), the most expensive file to format. A
    /// caller may take them from the probe's previous read of the same process instead of reading them every sample;
    /// together they cost more than everything else a sample reads.
    /// </summary>
    Details = Status | FdTargets | Limits | Cmdline | Exe | Cwd | Children,
}
