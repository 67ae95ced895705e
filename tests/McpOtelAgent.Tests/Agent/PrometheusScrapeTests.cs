using McpOtelAgent.Tests.Agent.Support;
using McpOtelAgent.Tests.Support;

namespace McpOtelAgent.Tests.Agent;

public sealed class PrometheusScrapeTests
{
    [Fact]
    public async Task PromQl_CpuBurner_CpuTimeSeriesExistsAndGrows()
    {
        using var burner = ChildProcess.CpuBurner();
        await using var agent = await RunningAgent.StartAsync($$"""
            { "Agent": { "Servers": { "burner": { "Pid": {{burner.Pid}} } } } }
            """);
        using var prometheus = PrometheusServer.Start(agent.BaseAddress);
        const string query = "sum(process_cpu_time_seconds_total{server_id=\"burner\"})";

        var first = await Poll.UntilAsync(() => prometheus.QueryAsync(query), v => v is > 0, "Prometheus to scrape the burner");
        var later = await Poll.UntilAsync(() => prometheus.QueryAsync(query), v => v > first, "the CPU time to grow");

        Assert.True(later > first);
        Assert.NotNull(await prometheus.QueryAsync("mcp_server_up{server_id=\"burner\"} == 1"));
    }
}
