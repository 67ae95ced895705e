namespace McpOtelAgent.Targets;

/// <summary>
/// A monitored MCP server: a stable <c>server_id</c>, how to find its root process, and whether its descendants count
/// too (the default) or the root only.
/// </summary>
internal sealed record TargetDefinition(
    string ServerId,
    ITargetRootSource Root,
    bool IncludeChildren,
    TargetOrigin Origin);
