using System.Collections;
using System.Diagnostics;
using System.Text.Json;
using McpOtelAgent.Tests.Agent.Support;
using McpOtelAgent.Tests.Alerts;
using McpOtelAgent.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace McpOtelAgent.Tests.Health;

/// <summary>
/// The agent watching real processes: alerts fire and resolve through log events, the API, /metrics, Alertmanager and
/// OTLP logs.
/// </summary>
[Collection(AgentHostCollection.Name)]
public sealed class HealthAlertsLiveTests
{
    private readonly RecordingLoggerProvider _logs = new();

    /// <summary>The agent with one attached server, health checked every second, and <paramref name="agentJson"/> merged into <c>Agent</c>.</summary>
    private Task<RunningAgent> StartAgentAsync(string serverId, int pid, string agentJson = "", Hashtable? environment = null) =>
        RunningAgent.StartAsync(
            $$"""
            {
              "Agent": {
                "ApiKey": "{{RunningAgent.ApiKey}}",
                "HealthCheckIntervalSeconds": 1,
                "SelfMonitoring": { "Enabled": false },
                "Servers": { "{{serverId}}": { "Pid": {{pid}} } }{{(agentJson.Length > 0 ? "," : "")}}
                {{agentJson}}
              }
            }
            """,
            environment,
            services => services.AddSingleton<ILoggerProvider>(_logs));

    private static async Task<JsonElement?> AlertAsync(RunningAgent agent, string serverId, string state, string type)
    {
        using var document = JsonDocument.Parse(await agent.Http.GetStringAsync($"/api/v1/alerts?serverId={serverId}&state={state}"));
        return document.RootElement.EnumerateArray().Where(a => a.GetProperty("type").GetString() == type).Select(static a => (JsonElement?)a.Clone()).FirstOrDefault();
    }

    private static Task<JsonElement?> WaitForAlertAsync(RunningAgent agent, string serverId, string state, string type) =>
        Poll.UntilAsync(() => AlertAsync(agent, serverId, state, type), a => a is not null, $"{type} {state} for {serverId} in the API");

    private bool Logged(int eventId, string serverId, string alertType) => _logs.Events.Any(e =>
        e.EventId.Id == eventId && (string?)e.Fields["server_id"] == serverId && (string?)e.Fields["alert_type"] == alertType);

    /// <summary>Scrapes until a series of <paramref name="metric"/> with every given label satisfies <paramref name="value"/>.</summary>
    private static Task<string> SeriesAsync(RunningAgent agent, string metric, Func<string, bool> value, params string[] labels) =>
        Poll.UntilAsync(
            async () => string.Join('\n', (await agent.ScrapeAsync()).Split('\n').Where(l => l.StartsWith(metric + "{", StringComparison.Ordinal))),
            series => series.Split('\n').Any(l => labels.All(l.Contains) && value(l[(l.LastIndexOf(' ') + 1)..])),
            $"{metric} with {string.Join(", ", labels)}");

    // The burner's threshold is low because the shared machine can leave it a small share of a CPU.
    [Fact]
    public async Task CpuBurner_LowCpuThreshold_HighCpuFiresEverywhereThenResolvesWhenKilledAndProcessDownFires()
    {
        using var alertmanager = new AlertmanagerProcess();
        await alertmanager.StartAsync();
        using var burner = ChildProcess.CpuBurner();
        await using var agent = await StartAgentAsync("burner", burner.Pid, $$"""
            "Health": { "Servers": { "burner": { "Thresholds": { "cpu_percent": { "Warning": 5, "ForSeconds": 0 } } } } },
            "Alerts": { "Alertmanager": { "Url": "{{alertmanager.Url}}" } }
            """);

        var alert = (await WaitForAlertAsync(agent, "burner", "firing", "high_cpu"))!.Value;
        Assert.Equal("cpu_percent", alert.GetProperty("rule").GetString());
        Assert.True(alert.GetProperty("value").GetDouble() > 5);
        Assert.True(Logged(2000, "burner", "high_cpu"));
        await SeriesAsync(agent, "mcp_server_alerts_active", v => v == "1", "alert_type=\"high_cpu\"", "server_id=\"burner\"");
        await SeriesAsync(agent, "mcp_server_health_status", v => v is "1" or "3", "server_id=\"burner\"");
        await Poll.UntilAsync(
            alertmanager.GetAlertsAsync,
            alerts => alerts.Any(a => a.GetProperty("labels").GetProperty("server_id").GetString() == "burner"
                && a.GetProperty("labels").GetProperty("alert_type").GetString() == "high_cpu"),
            "Alertmanager to hold high_cpu for burner");
        using (var health = JsonDocument.Parse(await agent.Http.GetStringAsync("/api/v1/servers/burner/health")))
        {
            Assert.NotEqual("healthy", health.RootElement.GetProperty("status").GetString());
            Assert.Contains(health.RootElement.GetProperty("issues").EnumerateArray(), i => i.GetProperty("rule").GetString() == "cpu_percent");
        }

        burner.Kill();

        await WaitForAlertAsync(agent, "burner", "resolved", "high_cpu");
        var down = (await WaitForAlertAsync(agent, "burner", "firing", "process_down"))!.Value;
        Assert.Equal("critical", down.GetProperty("severity").GetString());
        Assert.True(Logged(2001, "burner", "high_cpu"));
        Assert.True(Logged(2000, "burner", "process_down"));
        await SeriesAsync(agent, "mcp_server_alert_events_total", v => v != "0", "alert_type=\"high_cpu\"", "state=\"resolved\"");
        await Poll.UntilAsync(
            alertmanager.GetAlertsAsync,
            alerts => !alerts.Any(a => a.GetProperty("labels").GetProperty("alert_type").GetString() == "high_cpu")
                && alerts.Any(a => a.GetProperty("labels").GetProperty("alert_type").GetString() == "process_down"),
            "Alertmanager to drop high_cpu and hold process_down");
    }

    [Fact]
    public async Task FdHolder_NearItsSoftLimit_ResourceLimitFiresAtDefaultThresholds()
    {
        // About 85 fds (80 plus the interpreter's own) of a soft limit of 100: fd_usage_ratio between the 0.8 warning
        // and the 0.95 critical level.
        var python = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardInput = true };
        python.ArgumentList.Add("-c");
        python.ArgumentList.Add("""
            import os, resource, sys
            resource.setrlimit(resource.RLIMIT_NOFILE, (100, resource.getrlimit(resource.RLIMIT_NOFILE)[1]))
            fds = [os.open("/dev/null", os.O_RDONLY) for _ in range(80)]
            sys.stdin.read()
            """);
        using var holder = ChildProcess.Start(python);
        await using var agent = await StartAgentAsync("fds", holder.Pid);

        var alert = (await WaitForAlertAsync(agent, "fds", "firing", "resource_limit"))!.Value;

        Assert.Equal(("fd_usage_ratio", "warning"), (alert.GetProperty("rule").GetString(), alert.GetProperty("severity").GetString()));
        Assert.Equal(Directory.GetFileSystemEntries($"/proc/{holder.Pid}/fd").Length / 100.0, alert.GetProperty("value").GetDouble(), 6);
        Assert.Equal(0.8, alert.GetProperty("threshold").GetDouble(), 6);
        Assert.True(Logged(2000, "fds", "resource_limit"));
        await SeriesAsync(agent, "mcp_server_health_status", v => v == "1", "server_id=\"fds\"");
    }

    [Fact]
    public async Task AlertLogEvent_OtlpConfigured_ArrivesAtAspireDashboardWithItsAttributes()
    {
        using var dashboard = AspireDashboard.Start();
        using var burner = ChildProcess.CpuBurner();
        await using var agent = await StartAgentAsync(
            "otlp-burner",
            burner.Pid,
            """
            "Health": { "Servers": { "otlp-burner": { "Thresholds": { "cpu_percent": { "Warning": 5, "ForSeconds": 0 } } } } }
            """,
            new Hashtable
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = dashboard.OtlpHttpEndpoint.ToString(),
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_BLRP_SCHEDULE_DELAY"] = "500",
            });

        await WaitForAlertAsync(agent, "otlp-burner", "firing", "high_cpu");

        var logs = await Poll.UntilAsync(
            () => dashboard.Http.GetStringAsync("/api/telemetry/logs"),
            json => json.Contains("otlp-burner", StringComparison.Ordinal) && json.Contains("AlertFiring", StringComparison.Ordinal),
            "the dashboard to receive the AlertFiring log record");
        Assert.Contains("alert_type", logs, StringComparison.Ordinal);
        Assert.Contains("high_cpu", logs, StringComparison.Ordinal);
    }
}
