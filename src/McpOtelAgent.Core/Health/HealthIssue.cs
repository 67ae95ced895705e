namespace McpOtelAgent.Health;

/// <summary>
/// One problem a rule found. <see cref="Rule"/> names the check (a threshold name such as <c>cpu_percent</c>, or
/// <c>process_state</c>, <c>memory_leak</c>, ...); <see cref="AlertType"/> is the alert it feeds (several rules may
/// feed one type: <c>memory_mb</c> and <c>memory_percent</c> both feed <c>high_memory</c>); <see cref="For"/> is how
/// long the condition must hold before that alert fires.
/// </summary>
internal sealed record HealthIssue(
    string Rule,
    string AlertType,
    Severity Severity,
    string Message,
    double? Value,
    double? Threshold,
    TimeSpan For);
