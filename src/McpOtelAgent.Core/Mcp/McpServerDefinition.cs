using McpOtelAgent.Lifecycle;

namespace McpOtelAgent.Mcp;

/// <summary>
/// One declared MCP server, as a Claude Desktop / Cursor <c>mcpServers</c> entry or a VS Code <c>servers</c> entry
/// describes it, plus the agent's own settings for it. The map key is the <c>server_id</c>.
/// </summary>
internal sealed record McpServerDefinition
{
    public required string Id { get; init; }

    /// <summary>The configuration path of the entry (<c>mcpServers:fs</c>), so messages name the key to fix.</summary>
    public required string ConfigPath { get; init; }

    public required McpTransportKind Transport { get; init; }

    public string? Command { get; init; }

    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Variables added to the agent's environment for the launched process.</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public string? WorkingDirectory { get; init; }

    public Uri? Url { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Launch with the agent (stdio only); false declares it but waits for <c>POST .../start</c>.</summary>
    public bool AutoStart { get; init; } = true;

    public RestartPolicy Restart { get; init; } = RestartPolicy.Default;

    public StopPolicy Stop { get; init; } = StopPolicy.Default;

    public McpProbeSettings Probe { get; init; } = McpProbeSettings.Default;
}
