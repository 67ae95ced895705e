using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using McpOtelAgent.Health;
using McpOtelAgent.Telemetry;

namespace McpOtelAgent.Rules;

/// <summary>
/// Writes a <see cref="RuleSet"/> as a Grafana alerting provisioning file (<c>provisioning/alerting/</c>): one
/// Grafana-managed rule per generated alert, an instant PromQL query (A) and a threshold expression (C) on it. Grafana
/// makes a rule's title its <c>alertname</c> and wants titles unique in a folder, so the title adds the rule and
/// severity; the labels carry <c>alert_type</c>, <c>severity</c> and <c>rule</c> exactly as the agent's alerts do.
/// Recording rules have no Grafana counterpart; no alert query reads one.
/// </summary>
internal static class GrafanaRuleFile
{
    public const string FileName = "mcp-otel-agent.alert-rules.yml";
    public const string Folder = "MCP servers";

    public static string Write(RuleSet rules, string header, string datasourceUid, TimeSpan evaluationInterval)
    {
        var groups = new JsonArray();
        foreach (var group in rules.Groups.Where(static g => g.Alerts.Count > 0))
        {
            var entries = new JsonArray();
            foreach (var alert in group.Alerts)
            {
                entries.Add((JsonNode)Rule(alert, group.Name, datasourceUid));
            }

            groups.Add((JsonNode)new JsonObject
            {
                ["orgId"] = 1,
                ["name"] = group.Name,
                ["folder"] = Folder,
                ["interval"] = PromQl.Duration(evaluationInterval),
                ["rules"] = entries,
            });
        }

        return YamlWriter.Write(new JsonObject { ["apiVersion"] = 1, ["groups"] = groups }, header);
    }

    private static JsonObject Rule(AlertRule alert, string groupName, string datasourceUid)
    {
        var rule = new JsonObject
        {
            ["uid"] = Uid(groupName, alert.Id),
            ["title"] = $"{alert.AlertName} {alert.Id}",
            ["condition"] = "C",
            ["data"] = new JsonArray(
                new JsonObject
                {
                    ["refId"] = "A",
                    ["relativeTimeRange"] = new JsonObject { ["from"] = 600, ["to"] = 0 },
                    ["datasourceUid"] = datasourceUid,
                    ["model"] = new JsonObject
                    {
                        ["refId"] = "A",
                        ["expr"] = alert.Query,
                        ["instant"] = true,
                        ["range"] = false,
                    },
                },
                new JsonObject
                {
                    ["refId"] = "C",
                    ["datasourceUid"] = "__expr__",
                    ["model"] = new JsonObject
                    {
                        ["refId"] = "C",
                        ["type"] = "threshold",
                        ["expression"] = "A",
                        ["conditions"] = new JsonArray(new JsonObject
                        {
                            ["evaluator"] = new JsonObject
                            {
                                ["type"] = alert.Comparison switch
                                {
                                    RuleComparison.Above => "gt",
                                    RuleComparison.Below => "lt",
                                    _ => "gte",
                                },
                                ["params"] = new JsonArray(JsonValue.Create(alert.Threshold)),
                            },
                        }),
                    },
                }),
            ["noDataState"] = "OK",
            ["execErrState"] = "Error",
        };
        if (alert.For > TimeSpan.Zero)
        {
            rule["for"] = PromQl.Duration(alert.For);
        }

        rule["labels"] = new JsonObject
        {
            ["severity"] = alert.Severity.ToName(),
            ["alert_type"] = alert.AlertType,
            ["rule"] = alert.Rule,
            ["source"] = "grafana-rules",
        };
        var serverId = $"{{{{ $labels.{AttributeNames.ServerId} }}}}";
        rule["annotations"] = new JsonObject
        {
            ["summary"] = alert.Summary(serverId, "{{ printf \"%.4g\" $values.A.Value }}"),
            ["description"] = PrometheusRuleFile.Description(alert),
        };
        rule["isPaused"] = false;
        return rule;
    }

    /// <summary>Grafana rule uids are at most 40 characters: a readable prefix and a hash of the full id.</summary>
    private static string Uid(string groupName, string id)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(groupName + "/" + id)))[..12];
        var prefix = new string([.. id.Where(static c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_').Take(27)]);
        return $"{prefix}-{hash}";
    }
}
