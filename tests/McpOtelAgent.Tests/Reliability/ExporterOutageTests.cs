using System.Diagnostics;
using McpOtelAgent.Tests.Agent.Support;
using McpOtelAgent.Tests.Alerts;
using McpOtelAgent.Tests.Reliability.Support;
using McpOtelAgent.Tests.Support;
using Xunit.Abstractions;

namespace McpOtelAgent.Tests.Reliability;

/// <summary>
/// The OTLP endpoint (a closed port) and Alertmanager are unreachable for 45 s (the "several minutes",
/// shortened to fit the suite's budget) while an alert fires and metrics export every second: /metrics keeps
/// answering, memory stays flat, the failures are counted, and both recover once their receivers come up.
/// </summary>
[Trait(Support.Reliability.Category, Support.Reliability.Name)]
public sealed class ExporterOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(45);

    /// <summary>
    /// Growth allowed in RSS over the outage (JIT build: it also holds tier-1 code and heap the GC has not given back).
    /// The heap left after the last GC is printed beside it: in two runs it ended at 67.6 MiB both times, from 34 and
    /// 61 MiB, which looks like a plateau rather than a leak, but a longer run should confirm it before it is asserted.
    /// </summary>
    private const long RssBoundBytes = 48 * 1024 * 1024;

    [Fact]
    public async Task OtlpAndAlertmanagerDown_45Seconds_MetricsServedErrorsCountedThenRecovered()
    {
        var otlpPort = FreePort.Next();
        using var alertmanager = new AlertmanagerProcess();
        using var agent = await AgentProcess.StartAsync($$"""
            {
              "Agent": {
                "HealthCheckIntervalSeconds": 0.5,
                "Otlp": { "Endpoint": "http://127.0.0.1:{{otlpPort}}", "Protocol": "http/protobuf" },
                "Health": { "Thresholds": { "memory_mb": { "Warning": 1, "ForSeconds": 0 } } },
                "Alerts": { "Alertmanager": { "Url": "{{alertmanager.Url}}", "RetryBaseDelaySeconds": 0.5,
                                              "RetryMaxDelaySeconds": 2, "ResendIntervalSeconds": 2, "TimeoutSeconds": 2 } }
              }
            }
            """, new Dictionary<string, string> { ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000" });

        // Warm up (JIT, first exports and retries, the heap reaching its working size) before the baseline.
        await Task.Delay(TimeSpan.FromSeconds(15));
        var rssStart = agent.RssBytes;
        var heapStart = LiveHeap(await agent.ScrapeAsync());
        var scrapes = new Latencies();
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < Outage)
        {
            var one = Stopwatch.StartNew();
            using var response = await agent.Http.GetAsync("/metrics");
            scrapes.Add(one.Elapsed);
            Assert.True(response.IsSuccessStatusCode, $"/metrics answered {(int)response.StatusCode} during the outage");
            await Task.Delay(1000);
        }

        var rssEnd = agent.RssBytes;
        var during = await agent.ScrapeAsync();
        var heapEnd = LiveHeap(during);
        var (otlpErrors, amErrors) = (Errors(during, "otlp"), Errors(during, "alertmanager"));

        await using var receiver = await CountingReceiver.StartAsync(otlpPort);
        await alertmanager.StartAsync();
        await Poll.UntilAsync(() => Task.FromResult(receiver.Requests), n => n >= 2, "OTLP exports reaching the receiver");
        var alerts = await Poll.UntilAsync(alertmanager.GetAlertsAsync,
            a => a.Any(x => x.GetProperty("labels").TryGetProperty("server_id", out var id) && id.GetString() == "mcp-otel-agent"),
            "the firing alert reaching Alertmanager");
        var settled = Errors(await agent.ScrapeAsync(), "otlp");
        await Task.Delay(TimeSpan.FromSeconds(4));
        var later = Errors(await agent.ScrapeAsync(), "otlp");

        output.WriteLine($"outage {Outage.TotalSeconds} s: scrapes {scrapes}");
        output.WriteLine($"export errors counted: otlp {otlpErrors}, alertmanager {amErrors}");
        output.WriteLine($"RSS after warm-up {rssStart / 1048576.0:F1} MiB, after the outage {rssEnd / 1048576.0:F1} MiB (bound +{RssBoundBytes / 1048576} MiB)");
        output.WriteLine($"heap after the last GC: {heapStart / 1048576.0:F1} MiB, then {heapEnd / 1048576.0:F1} MiB");
        output.WriteLine($"recovered: {receiver.Requests} OTLP exports received, {alerts.Count} alerts in Alertmanager; otlp errors {settled} then {later} 4 s later");
        Assert.True(otlpErrors > 0, "no OTLP export error counted");
        Assert.True(amErrors > 0, "no Alertmanager error counted");
        Assert.True(rssEnd - rssStart < RssBoundBytes, $"RSS grew by {(rssEnd - rssStart) / 1048576.0:F1} MiB");
        Assert.Equal(settled, later);
        Assert.DoesNotContain("Unhandled exception", agent.Output, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The .NET runtime's heap size after the last collection, summed over generations.</summary>
    private static double LiveHeap(string text) =>
        new[] { "gen0", "gen1", "gen2", "loh", "poh" }
            .Sum(g => Exposition.Value(text, "dotnet_gc_last_collection_heap_size_bytes", ("gc_heap_generation", g)) ?? 0);

    private static double Errors(string text, string exporter) =>
        Exposition.Value(text, "mcp_agent_export_errors_total", ("exporter", exporter)) ?? 0;
}
