using McpOtelAgent.Health;

namespace McpOtelAgent.Api;

/// <summary>One threshold's effective levels (above warning is a warning, above critical critical) and its <c>for</c>.</summary>
internal sealed record ThresholdResponse(string Name, string AlertType, double Warning, double Critical, double ForSeconds)
{
    public static ThresholdResponse From(Threshold threshold) => new(
        threshold.Name, ThresholdDefinition.Find(threshold.Name)!.AlertType, threshold.Warning, threshold.Critical, threshold.For.TotalSeconds);
}
