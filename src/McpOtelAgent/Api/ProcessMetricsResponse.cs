namespace McpOtelAgent.Api;

/// <summary>The seed's ProcessMetrics, summed over the server's process tree. Values are null while the server is down.</summary>
internal sealed record ProcessMetricsResponse(
    string ServerId,
    DateTimeOffset? Timestamp,
    string Status,
    int? Pid,
    double? CpuPercent,
    double? MemoryMb,
    double? MemoryPercent,
    double? UptimeSeconds,
    int? Threads,
    int? FileDescriptors);
