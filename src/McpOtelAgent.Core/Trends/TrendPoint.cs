namespace McpOtelAgent.Trends;

/// <summary>One sample in a trend window. CPU percent is null for a target's first sample.</summary>
internal readonly record struct TrendPoint(
    DateTimeOffset Timestamp,
    double? CpuPercent,
    double MemoryBytes,
    double? FileDescriptors);
