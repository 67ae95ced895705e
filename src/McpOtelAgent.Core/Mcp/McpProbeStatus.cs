namespace McpOtelAgent.Mcp;

/// <summary>
/// The latest protocol-level view of one server. <c>Success</c> is null until a probe ran, and while a managed
/// server has no process (its lifecycle state says why); <c>Duration</c> is the round trip of the last successful
/// probe; <c>ConsecutiveFailures</c> feeds the <c>probe_failed</c> health rule.
/// </summary>
internal sealed record McpProbeStatus(
    string ServerId,
    DateTimeOffset? LastProbeAt,
    bool? Success,
    TimeSpan? Duration,
    int ConsecutiveFailures,
    string? LastError,
    int? ToolCount,
    string? ProtocolVersion,
    string? ServerName,
    string? ServerVersion)
{
    public static McpProbeStatus NotProbed(string serverId) => new(serverId, null, null, null, 0, null, null, null, null, null);
}
