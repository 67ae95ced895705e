namespace McpOtelAgent.Api;

/// <summary>A declared MCP server: its lifecycle when the agent launches it, and its protocol probe.</summary>
internal sealed record McpServerResponse(string Id, ManagedServerResponse? Lifecycle, McpProbeResponse Mcp);
