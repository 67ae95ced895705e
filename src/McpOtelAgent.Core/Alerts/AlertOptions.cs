namespace McpOtelAgent.Alerts;

/// <summary>Alerting, bound to <c>Agent:Alerts</c>.</summary>
internal sealed class AlertOptions
{
    public const string SectionName = "Agent:Alerts";

    /// <summary>The seed's <c>enable_alerts</c>: off, health is still evaluated and served, but no alert fires.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How many resolved alerts are kept for <c>GET /api/v1/alerts</c>; the oldest go first.</summary>
    public int HistorySize { get; set; } = 500;

    public AlertmanagerOptions Alertmanager { get; set; } = new();
}
