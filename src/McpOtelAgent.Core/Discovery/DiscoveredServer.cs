using McpOtelAgent.Probes;

namespace McpOtelAgent.Discovery;

/// <summary>
/// An MCP server process found by a scan: the topmost process of its launch tree (an <c>npx</c> wrapper and its node
/// child are one server). <c>Command</c> has its secrets redacted. When <c>Monitored</c>, <c>ServerId</c> is the
/// target that covers it; otherwise it is the id it would get. <c>Key</c> (pid and start time) is what a target made
/// from it follows, so a process that exits before the first sample cannot hand the target to the pid's next owner.
/// </summary>
internal sealed record DiscoveredServer(
    ProcessKey Key,
    string Name,
    string Command,
    int ProcessCount,
    bool Monitored,
    string ServerId)
{
    public int Pid => Key.Pid;
}
