using McpOtelAgent.Rules;
using McpOtelAgent.Telemetry;

namespace McpOtelAgent.Core.Tests.Rules;

public class PrometheusMetricNameTests
{
    [Fact]
    public void Counter_Seconds_UnitSuffixThenTotal() =>
        Assert.Equal("process_cpu_time_seconds_total", PrometheusMetricName.Counter(MetricNames.CpuTime, "s"));

    [Fact]
    public void Gauge_Bytes_BytesSuffix() =>
        Assert.Equal("process_memory_usage_bytes", PrometheusMetricName.Gauge(MetricNames.MemoryUsage, "By"));

    [Theory]
    [InlineData("1")]
    [InlineData("{thread}")]
    public void Gauge_DimensionlessOrAnnotationUnit_NoSuffix(string unit) =>
        Assert.Equal("process_thread_count", PrometheusMetricName.Gauge(MetricNames.ThreadCount, unit));

    [Fact]
    public void Histogram_Seconds_BaseNameWithUnit() =>
        Assert.Equal("mcp_server_operation_duration_seconds", PrometheusMetricName.Histogram(MetricNames.McpServerOperationDuration, "s"));
}
