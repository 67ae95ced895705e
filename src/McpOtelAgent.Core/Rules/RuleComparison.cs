namespace McpOtelAgent.Rules;

/// <summary>How an alert's value is compared with its threshold, as the agent's health rule compares it.</summary>
internal enum RuleComparison
{
    /// <summary>Strictly above (the thresholds: "CPU &gt; 80%").</summary>
    Above,

    /// <summary>Strictly below.</summary>
    Below,

    /// <summary>At or above (counts: "failed 3 times in a row").</summary>
    AtLeast,
}
