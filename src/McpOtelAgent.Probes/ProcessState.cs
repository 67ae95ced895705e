namespace McpOtelAgent.Probes;

/// <summary>The scheduler state letter of <c>/proc/[pid]/stat</c> field 3 (man 5 proc), named as psutil names it.</summary>
internal enum ProcessState
{
    Unknown = 0,
    Running,
    Sleeping,
    DiskSleep,
    Stopped,
    TracingStop,
    Zombie,
    Dead,
    WakeKill,
    Waking,
    Idle,
    Parked,
}
