using System.Text.Json.Serialization;

namespace McpOtelAgent.Health;

/// <summary>How bad a health issue or an alert is, lowest first, as the seed names them.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Severity>))]
internal enum Severity
{
    /// <summary>Worth knowing; does not make a server unhealthy.</summary>
    [JsonStringEnumMemberName("info")]
    Info = 0,

    /// <summary>Elevated, monitoring required.</summary>
    [JsonStringEnumMemberName("warning")]
    Warning,

    /// <summary>Significant, intervention recommended.</summary>
    [JsonStringEnumMemberName("error")]
    Error,

    /// <summary>Severe, immediate action required.</summary>
    [JsonStringEnumMemberName("critical")]
    Critical,
}
