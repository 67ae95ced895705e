using System.Text.Json.Serialization;
using McpOtelAgent.Health;

namespace McpOtelAgent.Alerts;

/// <summary>
/// One alert as Alertmanager's API v2 takes it (<c>POST /api/v2/alerts</c>, the <c>postableAlert</c> schema). The label
/// set identifies the alert to Alertmanager, so it holds only bounded values: no value, no pid.
/// </summary>
internal sealed record AlertmanagerAlert(
    Dictionary<string, string> Labels,
    Dictionary<string, string> Annotations,
    DateTimeOffset StartsAt,
    DateTimeOffset? EndsAt)
{
    public const string Source = "mcp-otel-agent";

    /// <summary>The alert with the given severity label (a severity change is a new alert to Alertmanager) and end time.</summary>
    public static AlertmanagerAlert From(Alert alert, Severity severity, DateTimeOffset endsAt) => new(
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["alertname"] = AlertTypes.AlertName(alert.Type),
            ["server_id"] = alert.ServerId,
            ["severity"] = severity.ToName(),
            ["alert_type"] = alert.Type,
            ["source"] = Source,
        },
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["summary"] = alert.Summary,
            ["description"] = alert.Description,
        },
        alert.StartsAt,
        endsAt);

    /// <summary>The identity Alertmanager gives an alert: its label set.</summary>
    [JsonIgnore]
    public string Fingerprint => string.Join('\n', Labels.OrderBy(static l => l.Key, StringComparer.Ordinal).Select(static l => l.Key + "=" + l.Value));
}
