namespace McpOtelAgent.Rules;

/// <summary>A named group of rules, evaluated together (recording rules before the alerts that read them).</summary>
internal sealed record RuleGroup(string Name, IReadOnlyList<RecordingRule> Recordings, IReadOnlyList<AlertRule> Alerts);
