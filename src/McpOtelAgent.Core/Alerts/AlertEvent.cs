using McpOtelAgent.Health;

namespace McpOtelAgent.Alerts;

/// <summary>One change of one alert, as the sinks receive it. <see cref="PreviousSeverity"/> is set on a severity change.</summary>
internal sealed record AlertEvent(AlertEventKind Kind, Alert Alert, Severity? PreviousSeverity = null);
