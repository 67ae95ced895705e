namespace McpOtelAgent.Configuration;

/// <summary><c>Agent:SelfMonitoring</c>: the agent's own process as a target (root only: its children are other targets).</summary>
internal sealed class SelfMonitoringOptions
{
    public bool Enabled { get; set; } = true;

    public string ServerId { get; set; } = "mcp-otel-agent";
}
