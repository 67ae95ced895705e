namespace McpOtelAgent.Discovery;

/// <summary>One discovery scan: when it ran and what it found, each server marked as covered by a target or not.</summary>
internal sealed record DiscoveryScan(DateTimeOffset ScannedAt, IReadOnlyList<DiscoveredServer> Servers);
