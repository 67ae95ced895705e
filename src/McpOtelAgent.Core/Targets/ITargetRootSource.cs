using McpOtelAgent.Probes;

namespace McpOtelAgent.Targets;

/// <summary>
/// Finds the root process of a target, once per sweep. Attached targets resolve from a pid, a pid file or a pattern;
/// a managed (launched) server implements this in its supervisor and returns the pid of the process it started, or
/// why there is none ("stopped", "backoff"), so the sampler treats every kind alike.
/// </summary>
internal interface ITargetRootSource
{
    /// <summary>How the target is found, for the API: "pid 123", "pidFile /run/x.pid", "match fastmcp", "self".</summary>
    string Description { get; }

    /// <summary>
    /// Called by the sampler with the sweep it is taking, and by discovery with its own (to know what targets cover):
    /// from two threads, so an implementation keeps no state it does not guard.
    /// </summary>
    TargetResolution Resolve(ProcessSweep sweep);
}
