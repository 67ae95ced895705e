using System.Globalization;
using McpOtelAgent.Tests.Agent.Support;
using McpOtelAgent.Tests.Support;
using OpenTelemetry.Metrics;

namespace McpOtelAgent.Tests.Agent;

/// <summary>The agent's instruments through the in-memory exporter, against what the kernel says about a real process.</summary>
public sealed class ExactValuesTests
{
    [Fact]
    public async Task InMemoryExporter_SleepProcess_ValuesEqualProc()
    {
        using var child = ChildProcess.Shell("exec sleep 600", "exact");
        // Sample the process once it is sleep, not the shell it was a moment before exec.
        await Poll.UntilAsync(() => File.ReadAllTextAsync($"/proc/{child.Pid}/cmdline"),
            c => c.StartsWith("sleep", StringComparison.Ordinal), "the exec");
        var exported = new List<Metric>();
        await using var agent = await RunningAgent.StartAsync(
            $$"""{ "Agent": { "Servers": { "exact": { "Pid": {{child.Pid}} } } } }""",
            configureServices: services => services.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(exported)));
        var provider = (MeterProvider)agent.Services.GetService(typeof(MeterProvider))!;
        await agent.ScrapeUntilAsync(t => Exposition.Has(t, "mcp_server_up", "exact"), "the first sample");

        exported.Clear();
        provider.ForceFlush();

        Assert.Equal(1L, LongValue(exported, "process.thread.count"));
        Assert.Equal(1L, LongValue(exported, "mcp.server.process.count"));
        Assert.Equal(SoftNoFileLimit(child.Pid), LongValue(exported, "mcp.server.file_descriptor.limit"));
        Assert.Equal(StatusKilobytes(child.Pid, "VmRSS:") * 1024, LongValue(exported, "process.memory.usage"));
        Assert.Equal(StatusKilobytes(child.Pid, "VmSize:") * 1024, LongValue(exported, "process.memory.virtual"));
        Assert.Equal(1L, LongValue(exported, "mcp.server.up"));
    }

    private static long LongValue(List<Metric> metrics, string name)
    {
        foreach (var metric in metrics.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                foreach (var tag in point.Tags)
                {
                    if (tag is { Key: "server_id", Value: "exact" })
                    {
                        return metric.MetricType is MetricType.LongGauge ? point.GetGaugeLastValueLong() : point.GetSumLong();
                    }
                }
            }
        }

        throw new Xunit.Sdk.XunitException($"{name} has no point for server_id=exact");
    }

    private static long StatusKilobytes(int pid, string field) =>
        long.Parse(File.ReadLines($"/proc/{pid}/status").Single(l => l.StartsWith(field, StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    private static long SoftNoFileLimit(int pid) =>
        long.Parse(File.ReadLines($"/proc/{pid}/limits").Single(l => l.StartsWith("Max open files", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[3], CultureInfo.InvariantCulture);
}
