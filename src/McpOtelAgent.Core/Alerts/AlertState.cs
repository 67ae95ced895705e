using System.Text.Json.Serialization;

namespace McpOtelAgent.Alerts;

/// <summary>An alert is firing until its condition clears, then resolved (Alertmanager's two states).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertState>))]
internal enum AlertState
{
    [JsonStringEnumMemberName("firing")]
    Firing = 0,

    [JsonStringEnumMemberName("resolved")]
    Resolved,
}
