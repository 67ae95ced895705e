using McpOtelAgent.Sampling;

namespace McpOtelAgent.Health;

/// <summary>
/// Time until <c>memory_mb</c> and <c>file_descriptors</c> reach their warning levels at the least-squares slope over
/// the trend window (PromQL's <c>predict_linear</c>, solved for time), starting from the latest sample. No forecast
/// when the resource is flat or shrinking, already over its level, or the window is too short.
/// </summary>
internal static class HealthForecaster
{
    private const double BytesPerMegabyte = 1024.0 * 1024.0;

    public static IReadOnlyList<HealthForecast> Forecast(
        TargetSample sample, Trends.TrendSummary? trends, IReadOnlyList<Threshold> thresholds, HealthOptions options)
    {
        if (sample.State != TargetState.Up || trends is null || trends.Samples < options.TrendMinSamples)
        {
            return [];
        }

        List<HealthForecast> forecasts = [];
        Add(forecasts, ThresholdNames.MemoryMb, sample.MemoryMegabytes, trends.MemorySlopeBytesPerSecond / BytesPerMegabyte, thresholds);
        Add(forecasts, ThresholdNames.FileDescriptors, sample.OpenFileDescriptors, trends.FileDescriptorSlopePerSecond, thresholds);
        return forecasts;
    }

    private static void Add(List<HealthForecast> forecasts, string name, double? current, double? slope, IReadOnlyList<Threshold> thresholds)
    {
        var limit = thresholds.First(t => string.Equals(t.Name, name, StringComparison.Ordinal)).Warning;
        if (current is not { } value || slope is not { } perSecond || perSecond <= 0 || value >= limit)
        {
            return;
        }

        var seconds = (limit - value) / perSecond;

        // A slope of a few bytes per hour gives centuries; TimeSpan cannot hold more than ~29,000 years.
        if (seconds < TimeSpan.MaxValue.TotalSeconds / 2)
        {
            forecasts.Add(new HealthForecast(name, value, limit, perSecond, TimeSpan.FromSeconds(seconds)));
        }
    }
}
