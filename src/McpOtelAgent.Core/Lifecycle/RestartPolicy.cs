namespace McpOtelAgent.Lifecycle;

/// <summary>
/// Restart with exponential backoff, as supervisord and PM2 do: the n-th consecutive failure waits
/// <c>min(BaseDelay × Factor^(n-1), MaxDelay)</c>; a run that lasted <see cref="MinUptime"/> resets the count; more
/// than <see cref="MaxRestarts"/> restarts within <see cref="Window"/> is a crash loop and restarting stops.
/// </summary>
internal sealed record RestartPolicy(
    RestartMode Mode,
    TimeSpan BaseDelay,
    double Factor,
    TimeSpan MaxDelay,
    TimeSpan MinUptime,
    int MaxRestarts,
    TimeSpan Window)
{
    public static RestartPolicy Default { get; } = new(
        RestartMode.Always,
        BaseDelay: TimeSpan.FromSeconds(1),
        Factor: 2,
        MaxDelay: TimeSpan.FromSeconds(60),
        MinUptime: TimeSpan.FromSeconds(10),
        MaxRestarts: 5,
        Window: TimeSpan.FromMinutes(5));

    /// <summary>The wait before restart number <paramref name="consecutiveFailures"/> (1-based).</summary>
    public TimeSpan DelayFor(int consecutiveFailures)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(consecutiveFailures, 1);
        var seconds = BaseDelay.TotalSeconds * Math.Pow(Factor, consecutiveFailures - 1);
        return double.IsFinite(seconds) && seconds < MaxDelay.TotalSeconds ? TimeSpan.FromSeconds(seconds) : MaxDelay;
    }

    /// <summary>Whether an exit that the agent did not ask for calls for a restart under <see cref="Mode"/>.</summary>
    public bool ShouldRestart(ProcessExit exit) => Mode switch
    {
        RestartMode.Always => true,
        RestartMode.OnFailure => !exit.IsSuccess,
        _ => false,
    };
}
