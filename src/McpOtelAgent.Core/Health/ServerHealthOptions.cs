namespace McpOtelAgent.Health;

/// <summary>One server's health settings: <c>Agent:Health:Servers:{server_id}</c>.</summary>
internal sealed class ServerHealthOptions
{
    /// <summary>Threshold overrides for this server by name; unset fields inherit the global setting.</summary>
    public Dictionary<string, ThresholdOptions> Thresholds { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
