using McpOtelAgent.Alerts;
using McpOtelAgent.Sampling;

namespace McpOtelAgent.Health;

/// <summary>A configured server with no live process is critical: whatever depends on it is failing now.</summary>
internal sealed class ProcessDownRule : IHealthRule
{
    public const string RuleName = "process_down";

    public IEnumerable<HealthIssue> Evaluate(HealthContext context)
    {
        if (context.Sample.State != TargetState.Down)
        {
            yield break;
        }

        var message = $"server is down: {context.Sample.DownReason ?? "no live process"}";
        yield return new HealthIssue(RuleName, AlertTypes.ProcessDown, Severity.Critical, message, null, null, context.Options.EffectiveDefaultFor);
    }
}
