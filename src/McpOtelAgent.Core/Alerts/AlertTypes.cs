namespace McpOtelAgent.Alerts;

/// <summary>
/// The alert types, as the seed names them. An alert type is a string, not an enum, so areas that add rules (the
/// lifecycle's <c>crash_loop</c>, the MCP probe's <c>probe_failed</c>) need no change here.
/// </summary>
internal static class AlertTypes
{
    public const string HighCpu = "high_cpu";
    public const string HighMemory = "high_memory";
    public const string ResourceLimit = "resource_limit";
    public const string ProcessHealth = "process_health";
    public const string ProcessDown = "process_down";
    public const string TrendDegradation = "trend_degradation";
    public const string CrashLoop = "crash_loop";
    public const string ProbeFailed = "probe_failed";

    /// <summary>
    /// The Alertmanager <c>alertname</c> of a type, in Prometheus' CamelCase style: <c>high_cpu</c> becomes
    /// <c>McpServerHighCpu</c>.
    /// </summary>
    public static string AlertName(string alertType)
    {
        var name = new System.Text.StringBuilder("McpServer", alertType.Length + 9);
        foreach (var part in alertType.Split('_', StringSplitOptions.RemoveEmptyEntries))
        {
            name.Append(char.ToUpperInvariant(part[0])).Append(part.AsSpan(1));
        }

        return name.ToString();
    }
}
