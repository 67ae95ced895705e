using McpOtelAgent.Alerts;
using McpOtelAgent.Probes;
using McpOtelAgent.Sampling;

namespace McpOtelAgent.Health;

/// <summary>
/// Scheduler states that mean trouble (man 5 proc, <c>stat</c> field 3): a zombie or dead root process is an error (the
/// server has exited and nobody reaped it); a stopped or traced process anywhere in the tree is a warning (it makes no
/// progress until continued); a zombie descendant is a warning (its parent does not reap its children).
/// </summary>
internal sealed class ProcessStateRule : IHealthRule
{
    public const string RuleName = "process_state";

    public IEnumerable<HealthIssue> Evaluate(HealthContext context)
    {
        if (context.Sample.State != TargetState.Up)
        {
            yield break;
        }

        var defaultFor = context.Options.EffectiveDefaultFor;
        foreach (var process in context.Sample.Processes)
        {
            var isRoot = process.Key == context.Sample.Root?.Key;
            var severity = process.State switch
            {
                ProcessState.Zombie or ProcessState.Dead => isRoot ? Severity.Error : Severity.Warning,
                ProcessState.Stopped or ProcessState.TracingStop => Severity.Warning,
                _ => Severity.Info,
            };
            if (severity == Severity.Info)
            {
                continue;
            }

            var role = isRoot ? "root process" : "child process";
            var message = $"{role} {process.Pid} ({process.Name}) is {Describe(process.State)}";
            yield return new HealthIssue(RuleName, AlertTypes.ProcessHealth, severity, message, null, null, defaultFor);
        }
    }

    private static string Describe(ProcessState state) => state switch
    {
        ProcessState.Zombie => "a zombie",
        ProcessState.Dead => "dead",
        ProcessState.Stopped => "stopped",
        _ => "stopped by a tracer",
    };
}
