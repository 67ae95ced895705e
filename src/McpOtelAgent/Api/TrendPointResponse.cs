namespace McpOtelAgent.Api;

internal sealed record TrendPointResponse(DateTimeOffset Timestamp, double? CpuPercent, double MemoryMb, double? FileDescriptors);
