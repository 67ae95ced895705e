namespace McpOtelAgent.Wrapping;

/// <summary>Which way a message travels through the wrapper.</summary>
internal enum MessageDirection
{
    /// <summary>From the MCP client (the desktop app) to the wrapped server: the wrapper's stdin.</summary>
    ClientToServer,

    /// <summary>From the wrapped server to the client: the child's stdout.</summary>
    ServerToClient,
}
