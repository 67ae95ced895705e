namespace McpOtelAgent.Api;

/// <summary>When a growing resource reaches its threshold's warning level at the current least-squares trend.</summary>
internal sealed record HealthForecastResponse(string Threshold, double Current, double Limit, double SlopePerSecond, double SecondsToThreshold);
