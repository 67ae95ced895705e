using McpOtelAgent.Telemetry;

namespace McpOtelAgent.Rules;

/// <summary>The Prometheus names of the agent's metrics that the generated rules read, from the instruments' own names and units.</summary>
internal static class RuleMetrics
{
    public static readonly string CpuTime = PrometheusMetricName.Counter(MetricNames.CpuTime, "s");
    public static readonly string MemoryUsage = PrometheusMetricName.Gauge(MetricNames.MemoryUsage, "By");
    public static readonly string MemoryUtilization = PrometheusMetricName.Gauge(MetricNames.MemoryUtilization, "1");
    public static readonly string ThreadCount = PrometheusMetricName.Gauge(MetricNames.ThreadCount, "{thread}");
    public static readonly string FileDescriptorCount = PrometheusMetricName.Gauge(MetricNames.FileDescriptorCount, "{file_descriptor}");
    public static readonly string FileDescriptorUtilization = PrometheusMetricName.Gauge(MetricNames.FileDescriptorUtilization, "1");
    public static readonly string Up = PrometheusMetricName.Gauge(MetricNames.Up, "1");
    public static readonly string ProcessState = PrometheusMetricName.Gauge(MetricNames.ProcessState, "1");
    public static readonly string LifecycleState = PrometheusMetricName.Gauge(MetricNames.LifecycleState, "1");
    public static readonly string ProbeConsecutiveFailures = PrometheusMetricName.Gauge(MetricNames.ProbeConsecutiveFailures, "{failure}");

    /// <summary>The Prometheus label of an OpenTelemetry attribute key.</summary>
    public static string Label(string attributeKey) => attributeKey.Replace('.', '_');
}
