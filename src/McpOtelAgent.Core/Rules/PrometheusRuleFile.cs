using System.Text.Json.Nodes;
using McpOtelAgent.Health;
using McpOtelAgent.Telemetry;

namespace McpOtelAgent.Rules;

/// <summary>Writes a <see cref="RuleSet"/> as a Prometheus rule file (<c>rule_files:</c>), checked by <c>promtool check rules</c>.</summary>
internal static class PrometheusRuleFile
{
    public const string FileName = "mcp-otel-agent.rules.yml";

    public static string Write(RuleSet rules, string header)
    {
        var groups = new JsonArray();
        foreach (var group in rules.Groups)
        {
            var entries = new JsonArray();
            foreach (var recording in group.Recordings)
            {
                entries.Add((JsonNode)new JsonObject { ["record"] = recording.Record, ["expr"] = recording.Expression });
            }

            foreach (var alert in group.Alerts)
            {
                entries.Add((JsonNode)Alert(alert));
            }

            groups.Add((JsonNode)new JsonObject { ["name"] = group.Name, ["rules"] = entries });
        }

        return YamlWriter.Write(new JsonObject { ["groups"] = groups }, header);
    }

    private static JsonObject Alert(AlertRule alert)
    {
        var rule = new JsonObject { ["alert"] = alert.AlertName, ["expr"] = alert.Expression };
        if (alert.For > TimeSpan.Zero)
        {
            rule["for"] = PromQl.Duration(alert.For);
        }

        rule["labels"] = new JsonObject
        {
            ["severity"] = alert.Severity.ToName(),
            ["alert_type"] = alert.AlertType,
            ["rule"] = alert.Rule,
            ["source"] = AlertRule.Source,
        };
        var serverId = $"{{{{ $labels.{AttributeNames.ServerId} }}}}";
        rule["annotations"] = new JsonObject
        {
            ["summary"] = alert.Summary(serverId, "{{ $value | printf \"%.4g\" }}"),
            ["description"] = Description(alert),
        };
        return rule;
    }

    public static string Description(AlertRule alert) =>
        $"Mirrors the agent's {alert.Rule} rule: {alert.Severity.ToName()} when the value is {Compared(alert.Comparison)} "
        + $"{alert.ThresholdText}{(alert.For > TimeSpan.Zero ? " for " + PromQl.Duration(alert.For) : string.Empty)}"
        + (string.IsNullOrEmpty(alert.Scope) ? "." : $" ({alert.Scope}: servers with their own threshold).");

    private static string Compared(RuleComparison comparison) => comparison switch
    {
        RuleComparison.Above => "above",
        RuleComparison.Below => "below",
        _ => "at least",
    };
}
