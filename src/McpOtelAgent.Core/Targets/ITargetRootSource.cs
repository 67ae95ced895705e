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

    /// <summary>Called by the sampler only (one thread), with the sweep it is taking.</summary>
    TargetResolution Resolve(ProcessSweep sweep);
}
