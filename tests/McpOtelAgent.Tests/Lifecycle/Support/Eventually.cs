namespace McpOtelAgent.Tests.Lifecycle.Support;

/// <summary>Waits for a condition on real processes; a generous timeout, never an assertion on how long it took.</summary>
internal static class Eventually
{
    public static async Task<bool> WaitAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        var deadline = TimeProvider.System.GetTimestamp();
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (TimeProvider.System.GetElapsedTime(deadline) > limit)
            {
                return condition();
            }

            await Task.Delay(50);
        }

        return true;
    }
}
