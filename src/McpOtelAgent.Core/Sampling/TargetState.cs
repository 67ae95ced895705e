namespace McpOtelAgent.Sampling;

/// <summary>Whether a target resolved to live processes at its last sample.</summary>
internal enum TargetState
{
    /// <summary>Not sampled yet.</summary>
    Pending = 0,

    /// <summary>At least one live process; metrics are current.</summary>
    Up,

    /// <summary>Configured but no live process (see <see cref="TargetSample.DownReason"/>).</summary>
    Down,

    /// <summary>No process on purpose: a managed server stopped through the API, or declared without autoStart.</summary>
    Stopped,

    /// <summary>A server declared by URL: its processes are not the agent's to see; its probes say how it is.</summary>
    Remote,
}
