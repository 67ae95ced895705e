using McpOtelAgent.Mcp;
using McpOtelAgent.Redaction;

namespace McpOtelAgent.Api;

/// <summary>The protocol view of a declared server: its transport and the outcome of the latest MCP probe.</summary>
internal sealed record McpProbeResponse(
    string Transport,
    string? Url,
    bool ProbeEnabled,
    bool? Success,
    DateTimeOffset? LastProbeAt,
    double? DurationSeconds,
    int ConsecutiveFailures,
    string? LastError,
    int? ToolCount,
    string? ProtocolVersion,
    string? ServerName,
    string? ServerVersion)
{
    public static McpProbeResponse From(McpServerDefinition definition, McpProbeStatus status) => new(
        definition.Transport == McpTransportKind.Stdio ? "stdio" : "http",
        definition.Url is { } url ? SecretRedactor.RedactText(url.ToString()) : null,
        definition.Probe.Enabled,
        status.Success,
        status.LastProbeAt,
        status.Duration?.TotalSeconds,
        status.ConsecutiveFailures,
        status.LastError,
        status.ToolCount,
        status.ProtocolVersion,
        status.ServerName,
        status.ServerVersion);
}
