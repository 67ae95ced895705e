using McpOtelAgent.Alerts;
using McpOtelAgent.Health;

namespace McpOtelAgent.Lifecycle;

/// <summary>
/// A managed server that the supervisor gave up restarting is critical at once: the crash-loop state already means
/// the policy's restarts within its window were spent, so no further <c>for</c> duration applies.
/// </summary>
internal sealed class CrashLoopRule(McpServerCatalog catalog) : IHealthRule
{
    public const string RuleName = "crash_loop";

    public IEnumerable<HealthIssue> Evaluate(HealthContext context)
    {
        if (!catalog.TryGetManaged(context.ServerId, out var server) || server.Status is not { State: ServerLifecycleState.CrashLoop } status)
        {
            yield break;
        }

        var policy = server.Definition.Restart;
        var message = $"crash-looping: {status.Restarts} restarts within {policy.Window.TotalSeconds:F0} s, last {status.LastExit}; not restarted again until started by hand";
        yield return new HealthIssue(RuleName, AlertTypes.CrashLoop, Severity.Critical, message, status.Restarts, policy.MaxRestarts, TimeSpan.Zero);
    }
}
