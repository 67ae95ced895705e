using System.Text.Json;
using McpOtelAgent.Alerts;
using McpOtelAgent.Health;
using McpOtelAgent.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpOtelAgent.Tests.Alerts;

/// <summary>The agent's alerts against a real Alertmanager's API v2.</summary>
public sealed class AlertmanagerTests : IDisposable
{
    private readonly AlertmanagerProcess _alertmanager = new();

    public void Dispose() => _alertmanager.Dispose();

    private static Alert Alert(string serverId, AlertState state, DateTimeOffset now) => new(
        1, serverId, AlertTypes.HighCpu, Severity.Critical, state, ThresholdNames.CpuPercent, 99, 95,
        $"high_cpu on {serverId}: cpu_percent 99 is above 95", "cpu_percent 99 is above 95",
        now.AddMinutes(-1), now.AddSeconds(-30), now, state == AlertState.Resolved ? now : null);

    private static string Label(JsonElement alert, string name) => alert.GetProperty("labels").GetProperty(name).GetString()!;

    private async Task<JsonElement?> FindAsync(string serverId) =>
        (await _alertmanager.GetAlertsAsync()).Cast<JsonElement?>().FirstOrDefault(a => Label(a!.Value, "server_id") == serverId);

    [Fact]
    public async Task PostAsync_FiringThenResolved_AlertmanagerShowsLabelsThenDropsIt()
    {
        await _alertmanager.StartAsync();
        var options = Options.Create(new AlertOptions { Alertmanager = { Url = _alertmanager.Url } });
        using var http = new HttpClient();
        var client = new AlertmanagerClient(http, options);
        var now = TimeProvider.System.GetUtcNow();

        await client.PostAsync([AlertmanagerAlert.From(Alert("fs", AlertState.Firing, now), Severity.Critical, now.AddMinutes(4))], CancellationToken.None);

        var shown = await FindAsync("fs");
        Assert.NotNull(shown);
        Assert.Equal("critical", Label(shown.Value, "severity"));
        Assert.Equal("high_cpu", Label(shown.Value, "alert_type"));
        Assert.Equal("McpServerHighCpu", Label(shown.Value, "alertname"));
        Assert.Equal("mcp-otel-agent", Label(shown.Value, "source"));
        Assert.Equal("cpu_percent 99 is above 95", shown.Value.GetProperty("annotations").GetProperty("description").GetString());
        Assert.Equal("active", shown.Value.GetProperty("status").GetProperty("state").GetString());

        var resolvedAt = TimeProvider.System.GetUtcNow();
        await client.PostAsync([AlertmanagerAlert.From(Alert("fs", AlertState.Resolved, resolvedAt), Severity.Critical, resolvedAt)], CancellationToken.None);

        await Poll.UntilAsync(() => FindAsync("fs"), a => a is null, "the resolved alert to leave Alertmanager");
    }

    [Fact]
    public async Task AlertPipeline_AlertmanagerDownAtFirst_RetriesUntilItIsUpThenResolves()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Agent:Alerts:Alertmanager:Url"] = _alertmanager.Url.ToString(),
            ["Agent:Alerts:Alertmanager:RetryBaseDelaySeconds"] = "0.2",
            ["Agent:Alerts:Alertmanager:RetryMaxDelaySeconds"] = "1",
        });
        var logs = new RecordingLoggerProvider();
        builder.Services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        builder.Services.AddAlerts();
        using var host = builder.Build();
        await host.StartAsync();
        var alerts = host.Services.GetRequiredService<AlertManager>();
        var issue = new HealthIssue(ThresholdNames.FileDescriptors, AlertTypes.ResourceLimit, Severity.Warning, "file_descriptors 1200 is above 1000", 1200, 1000, TimeSpan.Zero);

        // Nothing listens yet: the forwarder keeps the notification and retries with backoff.
        alerts.Evaluate(new HealthReport("memory", HealthStatus.Warning, [issue], [], TimeProvider.System.GetUtcNow()));
        await Poll.UntilAsync(() => Task.FromResult(logs.Events.Any(e => e.EventId.Id == 2030)), logged => logged, "a failed send to be logged");
        await _alertmanager.StartAsync();

        var shown = (await Poll.UntilAsync(() => FindAsync("memory"), a => a is not null, "the retried alert to reach Alertmanager"))!.Value;
        Assert.Equal(("warning", "resource_limit"), (Label(shown, "severity"), Label(shown, "alert_type")));

        alerts.Evaluate(new HealthReport("memory", HealthStatus.Healthy, [], [], TimeProvider.System.GetUtcNow()));

        await Poll.UntilAsync(() => FindAsync("memory"), a => a is null, "the resolved alert to leave Alertmanager");
        await host.StopAsync();
        Assert.Contains(logs.Events, e => e.EventId.Id == 2000 && (string?)e.Fields["server_id"] == "memory");
        Assert.Contains(logs.Events, e => e.EventId.Id == 2001 && (string?)e.Fields["state"] == "resolved");
    }
}
