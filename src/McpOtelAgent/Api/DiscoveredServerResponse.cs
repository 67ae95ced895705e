using McpOtelAgent.Discovery;

namespace McpOtelAgent.Api;

/// <summary>
/// A server process found by discovery. <c>Probeable</c> is always false: a stdio server started by a desktop client
/// can be watched as a process, but its pipes belong to that client, so the agent cannot speak MCP with it.
/// </summary>
internal sealed record DiscoveredServerResponse(
    int Pid,
    string Name,
    string Command,
    int ProcessCount,
    bool Monitored,
    string ServerId,
    bool Probeable,
    string Note)
{
    public const string NotProbeableNote =
        "launched outside the agent: process metrics only; its stdio pipes belong to its client, so it cannot be probed";

    public static DiscoveredServerResponse From(DiscoveredServer server) => new(
        server.Pid, server.Name, server.Command, server.ProcessCount, server.Monitored, server.ServerId, false, NotProbeableNote);
}
