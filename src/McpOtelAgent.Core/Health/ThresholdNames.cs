namespace McpOtelAgent.Health;

/// <summary>Threshold names, exactly as the seed's <c>set_alert_threshold</c> spells them, plus <c>fd_usage_ratio</c>.</summary>
internal static class ThresholdNames
{
    public const string CpuPercent = "cpu_percent";
    public const string MemoryPercent = "memory_percent";
    public const string MemoryMb = "memory_mb";
    public const string FileDescriptors = "file_descriptors";
    public const string ThreadCount = "thread_count";

    /// <summary>Open fds / RLIMIT_NOFILE soft limit of the process nearest its limit.</summary>
    public const string FdUsageRatio = "fd_usage_ratio";
}
