using McpOtelAgent.Sampling;
using McpOtelAgent.Trends;

namespace McpOtelAgent.Health;

/// <summary>Everything a rule may look at for one server at one health check.</summary>
internal sealed record HealthContext(
    TargetSample Sample,
    TrendSummary? Trends,
    IReadOnlyList<Threshold> Thresholds,
    IReadOnlyList<HealthForecast> Forecasts,
    HealthOptions Options,
    DateTimeOffset Now)
{
    public string ServerId => Sample.ServerId;

    public Threshold Threshold(string name) =>
        Thresholds.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal))
        ?? throw new ArgumentException($"No threshold '{name}' in the context", nameof(name));

    /// <summary>The trend window, when it holds enough samples for trend rules (<see cref="HealthOptions.TrendMinSamples"/>).</summary>
    public TrendSummary? SufficientTrends =>
        Sample.State == TargetState.Up && Trends is { } trends && trends.Samples >= Options.TrendMinSamples ? trends : null;
}
