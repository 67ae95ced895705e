using System.Globalization;
using McpOtelAgent.Alerts;
using McpOtelAgent.Health;

namespace McpOtelAgent.Rules;

/// <summary>
/// One generated alerting rule, mirroring one health rule of the agent at one severity: it fires as
/// <see cref="AlertName"/> (the agent's Alertmanager <c>alertname</c> for <see cref="AlertType"/>) when
/// <see cref="Query"/> compares to <see cref="Threshold"/> for <see cref="For"/>.
/// </summary>
/// <param name="AlertType">The agent's alert type (<c>high_cpu</c>).</param>
/// <param name="Rule">The agent's health rule or threshold name (<c>cpu_percent</c>, <c>process_down</c>).</param>
/// <param name="Severity">The severity label, as the agent would set it.</param>
/// <param name="Query">PromQL for the value, one series per server.</param>
/// <param name="Comparison">How the value compares with <paramref name="Threshold"/> when the condition holds.</param>
/// <param name="Threshold">The level, in the query's unit.</param>
/// <param name="For">How long the condition must hold.</param>
/// <param name="Message">The issue text after "alert_type on server_id: "; <c>{value}</c> stands for the current value.</param>
/// <param name="Scope">Which servers this rule covers, as a suffix for a stable id (empty: every server without an override).</param>
internal sealed record AlertRule(
    string AlertType,
    string Rule,
    Severity Severity,
    string Query,
    RuleComparison Comparison,
    double Threshold,
    TimeSpan For,
    string Message,
    string Scope)
{
    public const string Source = "prometheus-rules";

    public string AlertName => AlertTypes.AlertName(AlertType);

    public string Operator => Comparison switch
    {
        RuleComparison.Above => ">",
        RuleComparison.Below => "<",
        _ => ">=",
    };

    public string Expression => $"{Query} {Operator} {PromQl.Number(Threshold)}";

    /// <summary>A short id, unique within a rule set: rule, severity and scope.</summary>
    public string Id => string.IsNullOrEmpty(Scope) ? $"{Rule}-{Severity.ToName()}" : $"{Rule}-{Severity.ToName()}-{Scope}";

    /// <summary>The agent's summary shape: <c>high_cpu on {server_id}: cpu_percent 93.2 is above 80</c>.</summary>
    public string Summary(string serverIdTemplate, string valueTemplate) =>
        $"{AlertType} on {serverIdTemplate}: {Message.Replace("{value}", valueTemplate, StringComparison.Ordinal)}";

    public string ThresholdText => Threshold.ToString("0.###", CultureInfo.InvariantCulture);
}
