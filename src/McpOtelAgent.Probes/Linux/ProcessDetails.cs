namespace McpOtelAgent.Probes.Linux;

/// <summary>
/// The <see cref="ProbeParts.Details"/> values of a process's last read, kept with its handles (so bound to that
/// very process) for a later read to reuse. <see cref="Parts"/> says which were read successfully: a part that failed
/// is read again next time rather than reused as missing. <see cref="Name"/> is the comm they were read under: after an
/// exec it differs, and they are stale.
/// </summary>
internal readonly record struct ProcessDetails(
    ProbeParts Parts,
    string? Name,
    int? Uid,
    string? UserName,
    ulong? VoluntaryContextSwitches,
    ulong? InvoluntaryContextSwitches,
    int? OpenFiles,
    int? InetConnections,
    ulong? FileDescriptorLimit,
    IReadOnlyList<string> Cmdline,
    string? Exe,
    string? Cwd,
    IReadOnlyList<int> Children);
