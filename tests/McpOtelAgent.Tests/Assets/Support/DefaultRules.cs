using McpOtelAgent.Health;
using McpOtelAgent.Rules;

namespace McpOtelAgent.Tests.Assets.Support;

/// <summary>The rule set of the embedded default configuration (what alerting-rules/ holds).</summary>
internal static class DefaultRules
{
    public static RuleSet Build() =>
        RuleSetBuilder.Build(new RuleSettings(new HealthOptions(), TimeSpan.FromMinutes(10), RuleSettings.DefaultRateWindow, []));
}
