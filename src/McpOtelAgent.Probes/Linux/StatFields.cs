namespace McpOtelAgent.Probes.Linux;

/// <summary>
/// The fields of <c>/proc/[pid]/stat</c> the agent uses (man 5 proc numbering in the comments), in kernel units.
/// <c>comm</c> is left as a range of the source bytes so that parsing allocates nothing.
/// </summary>
internal readonly record struct StatFields(
    int Pid,
    Range Comm,
    char StateLetter,
    int ParentPid,
    ulong MinorFaults,
    ulong MajorFaults,
    ulong UserTicks,
    ulong SystemTicks,
    ulong ChildrenUserTicks,
    ulong ChildrenSystemTicks,
    int Nice,
    int ThreadCount,
    ulong StartTimeTicks,
    ulong VirtualMemoryBytes,
    ulong ResidentPages);
