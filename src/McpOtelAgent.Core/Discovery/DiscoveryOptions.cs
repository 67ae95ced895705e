namespace McpOtelAgent.Discovery;

/// <summary>
/// <c>Agent:Discovery</c>: scanning for MCP server processes the agent does not monitor yet (the seed's
/// discover_mcp_processes), and attaching them automatically when <see cref="AutoAttach"/> is on.
/// </summary>
internal sealed class DiscoveryOptions
{
    public const string SectionName = "Agent:Discovery";

    public const string DefaultIdTemplate = "discovered-{name}-{pid}";

    public bool Enabled { get; set; } = true;

    /// <summary>Attach every server found as a target (origin discovered), with an id from <see cref="IdTemplate"/>.</summary>
    public bool AutoAttach { get; set; }

    public double IntervalSeconds { get; set; } = 30;

    /// <summary>Extra regular expressions over command lines that mark a process as an MCP server.</summary>
    public List<string> Include { get; set; } = [];

    /// <summary>Regular expressions over command lines of processes never to report.</summary>
    public List<string> Exclude { get; set; } = [];

    /// <summary>The <c>server_id</c> a found server gets: <c>{name}</c> (package or program) and <c>{pid}</c>.</summary>
    public string IdTemplate { get; set; } = DefaultIdTemplate;

    public TimeSpan Interval => TimeSpan.FromSeconds(IntervalSeconds);
}
