namespace McpOtelAgent.Health;

/// <summary>Health checks and thresholds, bound to <c>Agent:Health</c>.</summary>
internal sealed class HealthOptions
{
    public const string SectionName = "Agent:Health";

    /// <summary>
    /// How often every server's health is evaluated (the seed's <c>health_check_interval</c>). Not bound here: it is the
    /// agent's <c>Agent:HealthCheckIntervalSeconds</c> (<c>--health-check-interval</c>), copied in by <c>AddHealth</c>.
    /// </summary>
    public TimeSpan CheckInterval { get; internal set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Seconds a condition must hold before its alert fires when its threshold sets no <c>ForSeconds</c>, and for the
    /// rules that have no threshold (process state, down, trends). Default: two health-check intervals.
    /// </summary>
    public double? DefaultForSeconds { get; set; }

    /// <summary>A forecast of <c>memory_mb</c> or <c>file_descriptors</c> crossing its warning level within this many seconds warns.</summary>
    public double ForecastHorizonSeconds { get; set; } = 3600;

    /// <summary>Trend rules and forecasts need at least this many samples in the trend window.</summary>
    public int TrendMinSamples { get; set; } = 10;

    /// <summary>A memory leak is a least-squares rise over the window of at least this percent of the window's mean.</summary>
    public double MemoryLeakMinGrowthPercent { get; set; } = 10;

    /// <summary>CPU is rising when its least-squares line rises by at least this many percent points over the window.</summary>
    public double CpuRiseMinPoints { get; set; } = 20;

    /// <summary>Global threshold settings by name (<c>cpu_percent</c>, ...); unset names use the built-in defaults.</summary>
    public Dictionary<string, ThresholdOptions> Thresholds { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Per-server settings by <c>server_id</c>.</summary>
    public Dictionary<string, ServerHealthOptions> Servers { get; set; } = new(StringComparer.Ordinal);

    public TimeSpan ForecastHorizon => TimeSpan.FromSeconds(ForecastHorizonSeconds);

    /// <summary>
    /// Takes the agent's <c>Agent:HealthCheckIntervalSeconds</c> when it is valid; an invalid one keeps the default here
    /// and is reported by the agent's own validator, so every section's errors still come out together.
    /// </summary>
    public void UseCheckIntervalSeconds(double seconds)
    {
        if (double.IsFinite(seconds) && seconds > 0 && seconds <= ThresholdValidation.MaxSeconds)
        {
            CheckInterval = TimeSpan.FromSeconds(seconds);
        }
    }

    public TimeSpan EffectiveDefaultFor => DefaultForSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : 2 * CheckInterval;
}
