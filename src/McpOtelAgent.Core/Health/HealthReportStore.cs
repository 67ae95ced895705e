using System.Collections.Concurrent;

namespace McpOtelAgent.Health;

/// <summary>The latest health report of every server, written by the health monitor, read by the API and metrics.</summary>
internal sealed class HealthReportStore
{
    private readonly ConcurrentDictionary<string, HealthReport> _reports = new(StringComparer.Ordinal);

    public ICollection<HealthReport> Latest => _reports.Values;

    public ICollection<string> ServerIds => _reports.Keys;

    public void Set(HealthReport report) => _reports[report.ServerId] = report;

    public bool TryGet(string serverId, out HealthReport report) => _reports.TryGetValue(serverId, out report!);

    public void Remove(string serverId) => _reports.TryRemove(serverId, out _);
}
