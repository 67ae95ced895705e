namespace McpOtelAgent.Targets;

/// <summary>Where a target came from; shown in the API and used to decide what may remove it.</summary>
internal enum TargetOrigin
{
    /// <summary><c>Agent:Servers</c> in the configuration.</summary>
    Config = 0,

    /// <summary>The agent's own process.</summary>
    Self,

    /// <summary><c>POST /api/v1/servers</c>.</summary>
    Api,

    /// <summary>A server the agent launched and supervises.</summary>
    Managed,

    /// <summary>Found by discovery and attached automatically.</summary>
    Discovered,

    /// <summary>A server declared by URL (<c>mcpServers</c> / <c>servers</c>): probed over HTTP, no local process.</summary>
    Remote,
}
