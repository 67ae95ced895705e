using McpOtelAgent.Probes;

namespace McpOtelAgent.Targets;

/// <summary>The agent's own process.</summary>
internal sealed class SelfRootSource : ITargetRootSource
{
    public string Description => "self";

    public TargetResolution Resolve(ProcessSweep sweep) => TargetResolution.Found(Environment.ProcessId);
}
