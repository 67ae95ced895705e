namespace McpOtelAgent.Lifecycle;

/// <summary>
/// A token bucket for log lines: a chatty or looping server cannot flood the agent's log. Lines over the limit are
/// counted, and the count is reported once lines are allowed again.
/// </summary>
internal sealed class LineRateLimiter(double linesPerSecond, int burst, TimeProvider time)
{
    private readonly Lock _gate = new();
    private double _tokens = burst;
    private long _lastTimestamp = time.GetTimestamp();
    private long _suppressed;

    /// <summary>Whether the next line may be logged; <paramref name="suppressedBefore"/> is how many were dropped since the last allowed one.</summary>
    public bool TryAcquire(out long suppressedBefore)
    {
        lock (_gate)
        {
            var now = time.GetTimestamp();
            _tokens = Math.Min(burst, _tokens + (time.GetElapsedTime(_lastTimestamp, now).TotalSeconds * linesPerSecond));
            _lastTimestamp = now;
            if (_tokens < 1)
            {
                _suppressed++;
                suppressedBefore = 0;
                return false;
            }

            _tokens--;
            suppressedBefore = _suppressed;
            _suppressed = 0;
            return true;
        }
    }
}
