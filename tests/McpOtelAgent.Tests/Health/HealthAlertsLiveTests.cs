using System.Globalization;
using System.Text.Json;
using McpOtelAgent.Tests.Alerts;

namespace McpOtelAgent.Tests.Health;

/// <summary>The agent watching real processes: alerts fire and resolve through logs, the API, /metrics and Alertmanager.</summary>
public sealed class HealthAlertsLiveTests
{
    private static async Task<JsonElement[]> AlertsAsync(AgentHost agent, string serverId, string state)
    {
        using var document = JsonDocument.Parse(await agent.Http.GetStringAsync($"/api/v1/alerts?serverId={serverId}&state={state}"));
        return [.. document.RootElement.EnumerateArray().Select(static e => e.Clone())];
    }

    private static async Task<JsonElement?> AlertAsync(AgentHost agent, string serverId, string state, string type) =>
        (await AlertsAsync(agent, serverId, state)).Cast<JsonElement?>().FirstOrDefault(a => a!.Value.GetProperty("type").GetString() == type);

    private static bool Logged(AgentHost agent, int eventId, string serverId, string alertType) => agent.Logs.Events.Any(e =>
        e.EventId.Id == eventId && (string?)e.Fields["server_id"] == serverId && (string?)e.Fields["alert_type"] == alertType);

    /// <summary>The exposition lines of a metric that carry every given label.</summary>
    private static async Task<string[]> SeriesAsync(AgentHost agent, string metric, params string[] labels)
    {
        var text = await agent.Http.GetStringAsync("/metrics");
        return [.. text.Split('\n').Where(l => l.StartsWith(metric + "{", StringComparison.Ordinal) && labels.All(l.Contains))];
    }

    [Fact]
    public async Task CpuBurner_LowCpuThreshold_HighCpuFiresEverywhereThenResolvesWhenKilledAndProcessDownFires()
    {
        using var alertmanager = new AlertmanagerProcess();
        await alertmanager.StartAsync();
        using var burner = ChildProcess.CpuBurner();
        await using var agent = await AgentHost.StartAsync(new Dictionary<string, string?>
        {
            ["Agent:Servers:burner:Pid"] = burner.Pid.ToString(CultureInfo.InvariantCulture),
            ["Agent:Health:Servers:burner:Thresholds:cpu_percent:Warning"] = "20",
            ["Agent:Health:Servers:burner:Thresholds:cpu_percent:ForSeconds"] = "0",
            ["Agent:Alerts:Alertmanager:Url"] = alertmanager.Url.ToString(),
        });

        await Poll.UntilAsync(async () => await AlertAsync(agent, "burner", "firing", "high_cpu") is not null, "high_cpu fires in the API");
        var alert = (await AlertAsync(agent, "burner", "firing", "high_cpu"))!.Value;
        Assert.Equal("cpu_percent", alert.GetProperty("rule").GetString());
        Assert.True(alert.GetProperty("value").GetDouble() > 20);
        Assert.True(Logged(agent, 2000, "burner", "high_cpu"));
        await Poll.UntilAsync(
            async () => (await SeriesAsync(agent, "mcp_server_alerts_active", "alert_type=\"high_cpu\"", "server_id=\"burner\"")).Length == 1,
            "mcp_server_alerts_active shows high_cpu");
        await Poll.UntilAsync(
            async () => (await alertmanager.GetAlertsAsync()).Any(a =>
                a.GetProperty("labels").GetProperty("server_id").GetString() == "burner"
                && a.GetProperty("labels").GetProperty("alert_type").GetString() == "high_cpu"),
            "Alertmanager holds high_cpu for burner");
        using (var health = JsonDocument.Parse(await agent.Http.GetStringAsync("/api/v1/servers/burner/health")))
        {
            Assert.NotEqual("healthy", health.RootElement.GetProperty("status").GetString());
            Assert.Contains(health.RootElement.GetProperty("issues").EnumerateArray(), i => i.GetProperty("rule").GetString() == "cpu_percent");
        }

        burner.Kill();

        await Poll.UntilAsync(async () => await AlertAsync(agent, "burner", "resolved", "high_cpu") is not null, "high_cpu resolves");
        await Poll.UntilAsync(async () => await AlertAsync(agent, "burner", "firing", "process_down") is not null, "process_down fires");
        Assert.True(Logged(agent, 2001, "burner", "high_cpu"));
        Assert.True(Logged(agent, 2000, "burner", "process_down"));
        var down = (await AlertAsync(agent, "burner", "firing", "process_down"))!.Value;
        Assert.Equal("critical", down.GetProperty("severity").GetString());
        await Poll.UntilAsync(
            async () => (await SeriesAsync(agent, "mcp_server_alert_events_total", "alert_type=\"high_cpu\"", "state=\"resolved\"")).Length == 1,
            "the resolve is counted");
        await Poll.UntilAsync(
            async () => !(await alertmanager.GetAlertsAsync()).Any(a => a.GetProperty("labels").GetProperty("alert_type").GetString() == "high_cpu"),
            "Alertmanager drops the resolved high_cpu");
    }

    [Fact]
    public async Task FdHolder_NearItsSoftLimit_ResourceLimitFiresAtDefaultThresholds()
    {
        // About 85 fds (80 plus the interpreter's own) of a soft limit of 100: fd_usage_ratio between the 0.8 warning
        // and the 0.95 critical level.
        using var holder = ChildProcess.Python("""
            import os, resource, sys
            resource.setrlimit(resource.RLIMIT_NOFILE, (100, resource.getrlimit(resource.RLIMIT_NOFILE)[1]))
            fds = [os.open("/dev/null", os.O_RDONLY) for _ in range(80)]
            sys.stdin.read()
            """);
        await using var agent = await AgentHost.StartAsync(new Dictionary<string, string?>
        {
            ["Agent:Servers:fds:Pid"] = holder.Pid.ToString(CultureInfo.InvariantCulture),
        });

        await Poll.UntilAsync(async () => await AlertAsync(agent, "fds", "firing", "resource_limit") is not null, "resource_limit fires");

        var alert = (await AlertAsync(agent, "fds", "firing", "resource_limit"))!.Value;
        Assert.Equal(("fd_usage_ratio", "warning"), (alert.GetProperty("rule").GetString(), alert.GetProperty("severity").GetString()));
        Assert.Equal(Directory.GetFileSystemEntries($"/proc/{holder.Pid}/fd").Length / 100.0, alert.GetProperty("value").GetDouble(), 6);
        Assert.Equal(0.8, alert.GetProperty("threshold").GetDouble(), 6);
        Assert.True(Logged(agent, 2000, "fds", "resource_limit"));
        await Poll.UntilAsync(
            async () => (await SeriesAsync(agent, "mcp_server_health_status", "server_id=\"fds\"")).SingleOrDefault()?.EndsWith(" 1", StringComparison.Ordinal) == true,
            "mcp_server_health_status is 1 (warning)");
    }
}
