namespace McpOtelAgent.Tests.Support;

/// <summary>
/// Waits for a condition on real processes and services: a generous, bounded timeout (the machine is shared and
/// noisy), never an assertion on how long it took.
/// </summary>
internal static class Poll
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Whether <paramref name="condition"/> held before the timeout (checked once more at the end).</summary>
    public static async Task<bool> TrueAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var start = TimeProvider.System.GetTimestamp();
        var limit = timeout ?? DefaultTimeout;
        while (!await condition())
        {
            if (TimeProvider.System.GetElapsedTime(start) > limit)
            {
                return await condition();
            }

            await Task.Delay(200);
        }

        return true;
    }

    /// <summary>Whether a cheap, synchronous <paramref name="condition"/> held before the timeout; checked every 50 ms.</summary>
    public static async Task<bool> TrueAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        var start = TimeProvider.System.GetTimestamp();
        var limit = timeout ?? DefaultTimeout;
        while (!condition())
        {
            if (TimeProvider.System.GetElapsedTime(start) > limit)
            {
                return condition();
            }

            await Task.Delay(50);
        }

        return true;
    }

    /// <summary>Reads until <paramref name="done"/> says the value is the one awaited; throws, naming <paramref name="what"/>, on timeout.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        T last = default!;
        Exception? lastError = null;
        while (!cts.IsCancellationRequested)
        {
            try
            {
                last = await read();
                if (done(last))
                {
                    return last;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException)
            {
                lastError = ex;
            }

            try
            {
                await Task.Delay(200, cts.Token);
            }
            catch (TaskCanceledException)
            {
                break;
            }
        }

        throw new TimeoutException($"timed out waiting for {what}; last value: {last}", lastError);
    }
}
