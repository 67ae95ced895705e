using System.Collections.Concurrent;

namespace McpOtelAgent.Sampling;

/// <summary>Probe outcomes other than Ok, counted per target and reason; read by an observable counter.</summary>
internal sealed class ProbeErrorCounts
{
    private readonly ConcurrentDictionary<(string ServerId, string Reason), long> _counts = new();

    public void Increment(string serverId, string reason) =>
        _counts.AddOrUpdate((serverId, reason), 1, static (_, count) => count + 1);

    public IEnumerable<KeyValuePair<(string ServerId, string Reason), long>> Counts => _counts;

    public long Get(string serverId, string reason) => _counts.GetValueOrDefault((serverId, reason));

    public void Forget(Func<string, bool> isGone)
    {
        foreach (var key in _counts.Keys)
        {
            if (isGone(key.ServerId))
            {
                _counts.TryRemove(key, out _);
            }
        }
    }
}
