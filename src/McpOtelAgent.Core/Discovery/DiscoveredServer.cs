namespace McpOtelAgent.Discovery;

/// <summary>
/// An MCP server process found by a scan: the topmost process of its launch tree (an <c>npx</c> wrapper and its node
/// child are one server). <c>Command</c> has its secrets redacted. When <c>Monitored</c>, <c>ServerId</c> is the
/// target that covers it; otherwise it is the id it would get.
/// </summary>
internal sealed record DiscoveredServer(
    int Pid,
    string Name,
    string Command,
    int ProcessCount,
    bool Monitored,
    string ServerId);
