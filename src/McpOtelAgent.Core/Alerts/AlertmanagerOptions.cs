namespace McpOtelAgent.Alerts;

/// <summary>Pushing alerts to a Prometheus Alertmanager: <c>Agent:Alerts:Alertmanager</c>. Off while <see cref="Url"/> is unset.</summary>
internal sealed class AlertmanagerOptions
{
    /// <summary>Alertmanager's base URL, for example <c>http://127.0.0.1:9093</c>; alerts go to <c>{Url}/api/v2/alerts</c>.</summary>
    public Uri? Url { get; set; }

    /// <summary>
    /// How often firing alerts are sent again. Alertmanager resolves an alert that is not re-sent before its
    /// <c>endsAt</c>, which the agent sets to four of these intervals ahead, as Prometheus does with its resend delay.
    /// </summary>
    public double ResendIntervalSeconds { get; set; } = 60;

    public double TimeoutSeconds { get; set; } = 10;

    /// <summary>First retry delay after a failed send; it doubles on each failure up to <see cref="RetryMaxDelaySeconds"/>.</summary>
    public double RetryBaseDelaySeconds { get; set; } = 1;

    public double RetryMaxDelaySeconds { get; set; } = 60;

    /// <summary>Notifications waiting to be sent; when full the oldest is dropped (the next resend repairs a dropped firing one).</summary>
    public int QueueCapacity { get; set; } = 1000;

    public TimeSpan ResendInterval => TimeSpan.FromSeconds(ResendIntervalSeconds);

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    public TimeSpan RetryBaseDelay => TimeSpan.FromSeconds(RetryBaseDelaySeconds);

    public TimeSpan RetryMaxDelay => TimeSpan.FromSeconds(RetryMaxDelaySeconds);
}
