using McpOtelAgent.Health;

namespace McpOtelAgent.Api;

/// <summary>One issue: the rule that found it, the alert type it feeds, and the value against the threshold.</summary>
internal sealed record HealthIssueResponse(
    string Rule, string AlertType, Severity Severity, string Message, double? Value, double? Threshold, double ForSeconds);
