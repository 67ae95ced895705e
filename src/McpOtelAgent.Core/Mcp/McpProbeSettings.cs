namespace McpOtelAgent.Mcp;

/// <summary>How often and how patiently the agent checks a server at the protocol level.</summary>
/// <param name="Enabled">Probe at all; a disabled probe still drains a managed server's stdout.</param>
/// <param name="Interval">Time between probes.</param>
/// <param name="Timeout">Longest wait for one probe (connect, then ping or <c>server/discover</c>).</param>
/// <param name="FailureThreshold">Consecutive failures after which the server counts as failing its probe.</param>
internal sealed record McpProbeSettings(bool Enabled, TimeSpan Interval, TimeSpan Timeout, int FailureThreshold)
{
    public static McpProbeSettings Default { get; } = new(true, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(10), 3);
}
