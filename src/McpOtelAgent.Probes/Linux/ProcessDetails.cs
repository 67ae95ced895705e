namespace McpOtelAgent.Probes.Linux;

/// <summary>
/// The <see cref="ProbeParts.Details"/> values of a process's last read, kept with its handles (so bound to that
/// very process) for a later read to reuse. <see cref="Parts"/> says which were read successfully: a part that failed
/// is read again next time rather than reused as missing.
/// </summary>
internal readonly record struct ProcessDetails(
    ProbeParts Parts,
    int? Uid,
    string? UserName,
    ulong? VoluntaryContextSwitches,
    ulong? InvoluntaryContextSwitches,
    int? OpenFiles,
    int? InetConnections,
    ulong? FileDescriptorLimit,
    IReadOnlyList<string> Cmdline,
    string? Exe,
    string? Cwd);
