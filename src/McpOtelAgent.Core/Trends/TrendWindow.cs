namespace McpOtelAgent.Trends;

/// <summary>
/// The seed's PerformanceTrends: a bounded ring of the latest samples of one target, so memory stays flat however
/// long the agent runs. Written by the sampler, read by health and the API; guarded by a lock because reads copy.
/// </summary>
internal sealed class TrendWindow
{
    private readonly TrendPoint[] _points;
    private readonly Lock _gate = new();
    private int _next;
    private int _count;

    public TrendWindow(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        _points = new TrendPoint[capacity];
    }

    public int Capacity => _points.Length;

    public void Add(TrendPoint point)
    {
        lock (_gate)
        {
            _points[_next] = point;
            _next = (_next + 1) % _points.Length;
            _count = Math.Min(_count + 1, _points.Length);
        }
    }

    /// <summary>The points in time order, oldest first.</summary>
    public TrendPoint[] ToArray()
    {
        lock (_gate)
        {
            var result = new TrendPoint[_count];
            var start = (_next - _count + _points.Length) % _points.Length;
            for (var i = 0; i < _count; i++)
            {
                result[i] = _points[(start + i) % _points.Length];
            }

            return result;
        }
    }

    public TrendSummary Summarize() => TrendSummary.From(ToArray());
}
