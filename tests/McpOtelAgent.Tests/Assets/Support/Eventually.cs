namespace McpOtelAgent.Tests.Assets.Support;

/// <summary>Polls a condition on real services with a generous timeout; never asserts on how long it took.</summary>
internal static class Eventually
{
    public static async Task<bool> TrueAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var start = TimeProvider.System.GetTimestamp();
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        while (true)
        {
            if (await condition())
            {
                return true;
            }

            if (TimeProvider.System.GetElapsedTime(start) > limit)
            {
                return false;
            }

            await Task.Delay(250);
        }
    }
}
