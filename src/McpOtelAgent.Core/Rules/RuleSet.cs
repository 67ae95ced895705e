namespace McpOtelAgent.Rules;

/// <summary>Every generated rule, in groups, in a stable order: the input of both rule-file writers.</summary>
internal sealed record RuleSet(IReadOnlyList<RuleGroup> Groups)
{
    public IEnumerable<AlertRule> Alerts => Groups.SelectMany(static g => g.Alerts);
}
