namespace McpOtelAgent.Tests.Alerts;

/// <summary>Polls an asynchronous condition until it holds; a generous timeout (the machine is noisy), never a fixed sleep.</summary>
internal static class Poll
{
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, int timeoutSeconds = 60)
    {
        var start = TimeProvider.System.GetTimestamp();
        while (!await condition())
        {
            if (TimeProvider.System.GetElapsedTime(start) > TimeSpan.FromSeconds(timeoutSeconds))
            {
                throw new TimeoutException($"Not within {timeoutSeconds} s: {what}");
            }

            await Task.Delay(200);
        }
    }

    public static Task UntilAsync(Func<bool> condition, string what, int timeoutSeconds = 60) =>
        UntilAsync(() => Task.FromResult(condition()), what, timeoutSeconds);
}
