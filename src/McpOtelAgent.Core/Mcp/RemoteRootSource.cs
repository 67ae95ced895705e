using McpOtelAgent.Probes;
using McpOtelAgent.Redaction;
using McpOtelAgent.Targets;

namespace McpOtelAgent.Mcp;

/// <summary>
/// The target side of a server declared by URL: it runs somewhere the agent cannot see its processes, so it resolves
/// to no process on purpose (<see cref="TargetResolution.Remote"/>). Being a target gives it what needs none: its
/// place in the server list, health from its protocol probes (<c>probe_failed</c>) and their alerts.
/// </summary>
internal sealed class RemoteRootSource(Uri url) : ITargetRootSource
{
    public string Description { get; } = "url " + SecretRedactor.RedactText(url.ToString());

    public TargetResolution Resolve(ProcessSweep sweep) => TargetResolution.Remote;
}
