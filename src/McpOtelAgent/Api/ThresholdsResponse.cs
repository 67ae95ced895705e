namespace McpOtelAgent.Api;

/// <summary>The effective global thresholds, and the effective thresholds of every server that overrides any.</summary>
internal sealed record ThresholdsResponse(ThresholdResponse[] Thresholds, Dictionary<string, ThresholdResponse[]> Servers);
