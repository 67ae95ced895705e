namespace McpOtelAgent.Rules;

/// <summary>Which rule file <c>mcp-otel-agent rules</c> writes.</summary>
internal enum RuleFormat
{
    /// <summary>A Prometheus rule file: alerting rules and recording rules.</summary>
    Prometheus,

    /// <summary>A Grafana alerting provisioning file with the same alerts as Grafana-managed rules.</summary>
    Grafana,
}
