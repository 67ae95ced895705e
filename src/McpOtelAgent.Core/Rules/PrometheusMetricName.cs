namespace McpOtelAgent.Rules;

/// <summary>
/// The name the OpenTelemetry Prometheus exporter gives an instrument: dots become underscores, the unit adds a suffix
/// (<c>s</c> → <c>_seconds</c>, <c>By</c> → <c>_bytes</c>; <c>1</c> and <c>{...}</c> add nothing), monotonic counters end
/// in <c>_total</c>. Rules and dashboards name metrics through this, so a renamed instrument renames them too.
/// </summary>
internal static class PrometheusMetricName
{
    public static string Gauge(string name, string unit) => Base(name, unit);

    public static string Counter(string name, string unit) => Base(name, unit) + "_total";

    /// <summary>A histogram's base name; its series add <c>_bucket</c>, <c>_sum</c> and <c>_count</c>.</summary>
    public static string Histogram(string name, string unit) => Base(name, unit);

    private static string Base(string name, string unit)
    {
        var baseName = name.Replace('.', '_');
        var suffix = unit switch
        {
            "s" => "seconds",
            "By" => "bytes",
            "1" or "" => null,
            _ when unit.StartsWith('{') => null,
            _ => unit,
        };
        return suffix is null || baseName.EndsWith("_" + suffix, StringComparison.Ordinal) ? baseName : baseName + "_" + suffix;
    }
}
