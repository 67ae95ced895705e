using System.Text.RegularExpressions;
using McpOtelAgent.Probes;

namespace McpOtelAgent.Targets;

/// <summary>
/// A pattern over command lines and process names, re-run every sweep so a restarted server is found again. When a
/// launch tree matches at several levels (npx and its node child), the topmost match is the root; among unrelated
/// matches the oldest process wins, so the choice is stable from one sweep to the next.
/// </summary>
internal sealed class MatchRootSource(Regex pattern) : ITargetRootSource
{
    public string Description => $"match {pattern}";

    public TargetResolution Resolve(ProcessSweep sweep)
    {
        var self = Environment.ProcessId;
        ProcessKey? best = null;

        // Each process is matched once: a parent's result is asked again for every child it has.
        var matched = new Dictionary<int, bool>();
        foreach (var key in sweep.Processes)
        {
            if (key.Pid == self || !Matches(key.Pid, sweep, matched) || ParentMatches(key.Pid, sweep, self, matched))
            {
                continue;
            }

            if (best is not { } current || key.StartTimeTicks < current.StartTimeTicks
                || (key.StartTimeTicks == current.StartTimeTicks && key.Pid < current.Pid))
            {
                best = key;
            }
        }

        return best is { } found
            ? TargetResolution.Found(found.Pid)
            : TargetResolution.Down($"no process matches {pattern}");
    }

    private bool ParentMatches(int pid, ProcessSweep sweep, int self, Dictionary<int, bool> matched) =>
        sweep.TryGetParent(pid, out var parent) && parent > 0 && parent != self && Matches(parent, sweep, matched);

    private bool Matches(int pid, ProcessSweep sweep, Dictionary<int, bool> matched)
    {
        if (matched.TryGetValue(pid, out var result))
        {
            return result;
        }

        result = pattern.IsMatch(sweep.GetCommandLine(pid)) || pattern.IsMatch(sweep.GetName(pid));
        matched[pid] = result;
        return result;
    }
}
