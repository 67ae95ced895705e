namespace McpOtelAgent.Health;

/// <summary>
/// One threshold's settings in the config (<c>Agent:Health:Thresholds:cpu_percent</c>) or in a
/// <c>PUT /api/v1/thresholds/{name}</c> body. Unset fields inherit: a server's override from the global setting, the
/// global setting from the built-in default; an unset <see cref="Critical"/> is the documented step above the warning.
/// </summary>
internal sealed class ThresholdOptions
{
    public double? Warning { get; set; }

    public double? Critical { get; set; }

    /// <summary>Seconds the condition must hold before its alert fires; default two health-check intervals.</summary>
    public double? ForSeconds { get; set; }

    public TimeSpan? For => ForSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null;

    public bool IsEmpty => Warning is null && Critical is null && ForSeconds is null;

    public ThresholdOptions Clone() => new() { Warning = Warning, Critical = Critical, ForSeconds = ForSeconds };
}
