using McpOtelAgent.Alerts;
using McpOtelAgent.Health;
using McpOtelAgent.Lifecycle;

namespace McpOtelAgent.Mcp;

/// <summary>
/// A server that has not answered its last <c>failureThreshold</c> MCP probes is in error: a managed one's process
/// runs (a server without one is not probed), so its process metrics look fine while its clients get nothing; for a
/// url server the probes are all the agent knows of it. The threshold already spans several probe intervals, so no
/// further <c>for</c> duration applies.
/// </summary>
internal sealed class ProbeFailedRule(McpServerCatalog catalog) : IHealthRule
{
    public const string RuleName = "probe_failed";

    public IEnumerable<HealthIssue> Evaluate(HealthContext context)
    {
        if (!catalog.TryGetMonitor(context.ServerId, out var monitor)
            || monitor.Status is not { Success: false } status
            || status.ConsecutiveFailures < monitor.Settings.FailureThreshold)
        {
            yield break;
        }

        var message = $"MCP probe failed {status.ConsecutiveFailures} times in a row: {status.LastError}";
        yield return new HealthIssue(
            RuleName, AlertTypes.ProbeFailed, Severity.Error, message, status.ConsecutiveFailures, monitor.Settings.FailureThreshold, TimeSpan.Zero);
    }
}
