namespace McpOtelAgent.Wrapping;

/// <summary>What <c>mcp-otel-agent wrap</c> runs and where it reports.</summary>
internal sealed record WrapOptions
{
    /// <summary>The real server's executable, as the client config's <c>command</c> had it.</summary>
    public required string Command { get; init; }

    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>The label of every measurement and the target id at the agent.</summary>
    public required string ServerId { get; init; }

    /// <summary>A running agent to attach the server's process to and report traffic to; none means OTLP only.</summary>
    public Uri? AgentUrl { get; init; }

    public string? ApiKey { get; init; }

    /// <summary>Longest line buffered for observation when it arrives in pieces (the relay itself has no limit).</summary>
    public int MaxLineBytes { get; init; } = 16 * 1024 * 1024;

    public int MaxPendingRequests { get; init; } = McpTrafficObserver.DefaultMaxPendingRequests;
}
