namespace McpOtelAgent.Configuration;

/// <summary>
/// The agent's own settings: the root section <c>Agent</c> of the configuration. Other areas bind their own
/// subsections (<c>Agent:Health</c>, <c>Agent:Alerts</c>, <c>Agent:Discovery</c>) to their own options classes.
/// </summary>
internal sealed class AgentOptions
{
    public const string SectionName = "Agent";

    /// <summary>Where Kestrel listens; <c>--urls</c> and <c>ASPNETCORE_URLS</c> set it too. Separate several with <c>;</c>.</summary>
    public const string DefaultUrls = "http://127.0.0.1:9464";

    /// <summary>Seconds between two sampling sweeps (the seed's monitoring_interval).</summary>
    public double MonitoringIntervalSeconds { get; set; } = 5;

    /// <summary>
    /// Seconds between two reads of each process's <see cref="Probes.ProbeParts.Details"/> (open files, connections,
    /// fd limit, command line, exe, cwd, uid and context switches, and the children the API lists, unless a tree
    /// target already needed every process's parent that sweep): together they cost more than everything else a
    /// sample reads, so the samples in between reuse the last values: every round(details / monitoring interval)
    /// sweeps they are read afresh. A new process is read whole at once. 0 reads them every sample.
    /// </summary>
    public double DetailsIntervalSeconds { get; set; } = 15;

    /// <summary>Seconds between two health evaluations (the seed's health_check_interval).</summary>
    public double HealthCheckIntervalSeconds { get; set; } = 30;

    /// <summary>Samples kept per target for trends (the seed's trend_window_size).</summary>
    public int TrendWindowSize { get; set; } = 120;

    public string Urls { get; set; } = DefaultUrls;

    /// <summary>
    /// Extra addresses that serve <c>/metrics</c> and nothing else (every other path answers 404 there), so Prometheus
    /// can scrape from the network while the API stays on loopback. Each needs its own explicit port: the port a
    /// request arrived on decides, never its Host header. Separate several with <c>;</c>.
    /// </summary>
    public string? MetricsUrls { get; set; }

    /// <summary>Bearer key for state-changing API calls; <c>MCPOTEL_API_KEY</c> sets it too. Unset: they answer 401.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Binding <see cref="Urls"/> to anything but loopback without an <see cref="ApiKey"/> exposes the API and the
    /// metrics unauthenticated; it must be asked for. <see cref="MetricsUrls"/> serve only metrics and need neither.
    /// </summary>
    public bool AllowNonLoopback { get; set; }

    /// <summary>Upper bound on targets (configured, attached, managed, discovered); sizes metric cardinality limits.</summary>
    public int MaxTargets { get; set; } = 1000;

    public SelfMonitoringOptions SelfMonitoring { get; set; } = new();

    public OtlpOptions Otlp { get; set; } = new();

    /// <summary>Attached targets by <c>server_id</c>.</summary>
    public Dictionary<string, TargetOptions> Servers { get; set; } = new(StringComparer.Ordinal);

    public TimeSpan MonitoringInterval => TimeSpan.FromSeconds(MonitoringIntervalSeconds);

    public TimeSpan DetailsInterval => TimeSpan.FromSeconds(DetailsIntervalSeconds);

    public TimeSpan HealthCheckInterval => TimeSpan.FromSeconds(HealthCheckIntervalSeconds);
}
