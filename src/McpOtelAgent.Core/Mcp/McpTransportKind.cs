namespace McpOtelAgent.Mcp;

/// <summary>How the agent talks to a declared server: over the stdio pipes of a process it launches, or over HTTP.</summary>
internal enum McpTransportKind
{
    /// <summary>A command the agent launches and supervises; MCP flows over its stdin/stdout.</summary>
    Stdio = 0,

    /// <summary>A server reached by URL (streamable HTTP, falling back to the older HTTP+SSE transport).</summary>
    Http,
}
