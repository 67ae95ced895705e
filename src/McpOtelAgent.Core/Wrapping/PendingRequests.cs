namespace McpOtelAgent.Wrapping;

/// <summary>
/// Requests awaiting a reply, by id, bounded: a peer that never answers (or ids that are never reused) cannot grow the
/// table past its capacity; the oldest entry is evicted and counted. Not thread-safe: the observer holds its lock.
/// </summary>
internal sealed class PendingRequests(int capacity)
{
    private readonly Dictionary<string, PendingRequest> _byId = new(StringComparer.Ordinal);
    private readonly Queue<(string Id, long Sequence)> _order = new();
    private long _sequence;

    public int Count => _byId.Count;

    /// <summary>Requests dropped unanswered to make room.</summary>
    public long Evicted { get; private set; }

    public void Add(string id, string method, string? name, long startTimestamp)
    {
        // A reused id replaces the request that still had it: that one can no longer be told apart from the new one.
        if (!_byId.ContainsKey(id))
        {
            while (_byId.Count >= capacity)
            {
                EvictOldest();
            }
        }

        var sequence = ++_sequence;
        _byId[id] = new PendingRequest(method, name, startTimestamp, sequence);
        _order.Enqueue((id, sequence));
        CompactOrder();
    }

    public bool TryRemove(string id, out PendingRequest request) => _byId.Remove(id, out request);

    private void EvictOldest()
    {
        while (_order.TryDequeue(out var entry))
        {
            if (_byId.TryGetValue(entry.Id, out var request) && request.Sequence == entry.Sequence)
            {
                _byId.Remove(entry.Id);
                Evicted++;
                return;
            }
        }
    }

    /// <summary>
    /// Answered requests leave stale entries in the order queue; drop them once they outnumber the live ones, so the
    /// queue stays proportional to the table (amortised O(1) per request).
    /// </summary>
    private void CompactOrder()
    {
        if (_order.Count <= (2 * _byId.Count) + 64)
        {
            return;
        }

        var live = _order.Count;
        for (var i = 0; i < live; i++)
        {
            var entry = _order.Dequeue();
            if (_byId.TryGetValue(entry.Id, out var request) && request.Sequence == entry.Sequence)
            {
                _order.Enqueue(entry);
            }
        }
    }
}
