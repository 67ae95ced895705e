namespace McpOtelAgent.Probes;

/// <summary>
/// <c>/proc/[pid]/io</c> as psutil's <c>io_counters()</c> reports it: syscall counts (syscr/syscw), storage bytes
/// (read_bytes/write_bytes) and chars through read/write syscalls (rchar/wchar).
/// </summary>
internal readonly record struct IoCounters(
    ulong ReadCount,
    ulong WriteCount,
    ulong ReadBytes,
    ulong WriteBytes,
    ulong ReadChars,
    ulong WriteChars);
