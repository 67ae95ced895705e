using System.Text.Json.Serialization;

namespace McpOtelAgent.Health;

/// <summary>
/// A server's overall health: the highest severity among its issues (info issues leave it healthy). The numeric
/// values are what <c>mcp.server.health.status</c> exports, so they never change.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<HealthStatus>))]
internal enum HealthStatus
{
    [JsonStringEnumMemberName("healthy")]
    Healthy = 0,

    [JsonStringEnumMemberName("warning")]
    Warning = 1,

    [JsonStringEnumMemberName("error")]
    Error = 2,

    [JsonStringEnumMemberName("critical")]
    Critical = 3,
}
