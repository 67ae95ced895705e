namespace McpOtelAgent.Health;

/// <summary>
/// At the least-squares slope over the trend window, how long until <see cref="Threshold"/> (a threshold name) reaches
/// its warning level, as PromQL's <c>predict_linear</c> would extrapolate it.
/// </summary>
internal sealed record HealthForecast(string Threshold, double Current, double Limit, double SlopePerSecond, TimeSpan TimeToThreshold);
