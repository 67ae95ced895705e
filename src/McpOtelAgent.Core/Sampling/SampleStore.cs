using System.Collections.Concurrent;
using McpOtelAgent.Trends;

namespace McpOtelAgent.Sampling;

/// <summary>
/// The latest sample and the trend window of every target. The sampler writes once per interval; metric callbacks,
/// health and the API read. Nothing that reads here touches /proc.
/// </summary>
internal sealed class SampleStore(int trendWindowSize)
{
    private readonly ConcurrentDictionary<string, TargetSample> _latest = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TrendWindow> _trends = new(StringComparer.Ordinal);

    public ICollection<TargetSample> Latest => _latest.Values;

    public void Publish(TargetSample sample)
    {
        _latest[sample.ServerId] = sample;
        if (sample.State != TargetState.Up)
        {
            return;
        }

        var window = _trends.GetOrAdd(sample.ServerId, static (_, size) => new TrendWindow(size), trendWindowSize);
        window.Add(new TrendPoint(sample.Timestamp, sample.CpuPercent, sample.ResidentMemoryBytes, sample.OpenFileDescriptors));
    }

    public bool TryGet(string serverId, out TargetSample sample) => _latest.TryGetValue(serverId, out sample!);

    public TrendSummary? GetTrends(string serverId) =>
        _trends.TryGetValue(serverId, out var window) ? window.Summarize() : null;

    /// <summary>Forgets a removed target, so its series disappear at the next collection.</summary>
    public void Remove(string serverId)
    {
        _latest.TryRemove(serverId, out _);
        _trends.TryRemove(serverId, out _);
    }
}
