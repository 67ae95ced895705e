namespace McpOtelAgent.Api;

/// <summary>The seed's PerformanceTrends over the bounded window: history, averages, peaks and slopes.</summary>
internal sealed record TrendsResponse(
    string ServerId,
    int Samples,
    int WindowSize,
    double? CpuAveragePercent,
    double? CpuPeakPercent,
    double? MemoryAverageMb,
    double? MemoryPeakMb,
    double? MemorySlopeBytesPerSecond,
    double? FileDescriptorSlopePerSecond,
    IReadOnlyList<TrendPointResponse> History);
