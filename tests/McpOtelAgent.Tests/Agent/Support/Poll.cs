namespace McpOtelAgent.Tests.Agent.Support;

/// <summary>Waits for a condition with a generous, bounded timeout; the machine is shared and noisy.</summary>
internal static class Poll
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(45);

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
