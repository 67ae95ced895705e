using McpOtelAgent.Alerts;
using McpOtelAgent.Sampling;
using McpOtelAgent.Targets;

namespace McpOtelAgent.Health;

/// <summary>
/// A server with no live process is critical: whatever depends on it is failing now. Except a discovered one: a
/// process the agent merely found has simply ended (its client closed it), and discovery detaches it. A server with no
/// process on purpose (<see cref="TargetState.Stopped"/>: a managed server stopped through the API) is not down at all.
/// </summary>
internal sealed class ProcessDownRule(TargetRegistry registry) : IHealthRule
{
    public const string RuleName = "process_down";

    public IEnumerable<HealthIssue> Evaluate(HealthContext context)
    {
        if (context.Sample.State != TargetState.Down
            || (registry.TryGet(context.ServerId, out var target) && target.Origin == TargetOrigin.Discovered))
        {
            yield break;
        }

        var message = $"server is down: {context.Sample.DownReason ?? "no live process"}";
        yield return new HealthIssue(RuleName, AlertTypes.ProcessDown, Severity.Critical, message, null, null, context.Options.EffectiveDefaultFor);
    }
}
