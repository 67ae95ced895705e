namespace McpOtelAgent.Rules;

/// <summary>How an alert's value is compared with its threshold: strictly, as the agent's health rules compare.</summary>
internal enum RuleComparison
{
    Above,
    Below,
}
