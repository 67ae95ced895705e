using System.Diagnostics;
using McpOtelAgent.Tests.Agent.Support;
using McpOtelAgent.Tests.Reliability.Support;
using McpOtelAgent.Tests.Support;
using Xunit.Abstractions;

namespace McpOtelAgent.Tests.Reliability;

[Trait(Support.Reliability.Category, Support.Reliability.Name)]
public sealed class ConcurrentScrapeTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Agent_50ScrapersAndApiReadersFor30Seconds_NoErrors()
    {
        var idles = Enumerable.Range(0, 5).Select(i => ChildProcess.Idle($"scrape-idle-{i}")).ToArray();
        try
        {
            using var agent = await AgentProcess.StartAsync(
                """{ "Agent": { "Servers": { "idle": { "Match": "scrape-idl[e]" } } } }""",
                new Dictionary<string, string> { ["MCPOTEL_API_KEY"] = AgentProcess.ApiKey });
            await Poll.UntilAsync(agent.ScrapeAsync, t => Exposition.Value(t, "mcp_server_up", ("server_id", "idle")) == 1, "the idle target up");
            var rssBefore = agent.RssBytes;
            var (scrapes, reads) = (new Latencies(), new Latencies());
            var errors = new List<string>();
            using var stop = new CancellationTokenSource(Duration);
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 100 })
            {
                BaseAddress = agent.Http.BaseAddress,
                Timeout = TimeSpan.FromSeconds(20),
            };
            string[] apiPaths = ["/api/v1/servers", "/api/v1/servers/idle", "/api/v1/servers/idle/metrics", "/api/v1/servers/idle/trends",
                "/api/v1/servers/idle/health", "/api/v1/alerts", "/api/v1/thresholds"];

            async Task Loop(Func<int, string> path, Latencies latencies)
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var watch = Stopwatch.StartNew();
                    try
                    {
                        using var response = await http.GetAsync(path(i), HttpCompletionOption.ResponseContentRead);
                        latencies.Add(watch.Elapsed);
                        if (!response.IsSuccessStatusCode)
                        {
                            lock (errors)
                            {
                                errors.Add($"{path(i)}: {(int)response.StatusCode}");
                            }
                        }
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !stop.IsCancellationRequested)
                    {
                        lock (errors)
                        {
                            errors.Add($"{path(i)}: {ex.Message}");
                        }
                    }
                    catch (TaskCanceledException)
                    {
                        // The run ended while this request was in flight.
                    }
                }
            }

            await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => Loop(_ => "/metrics", scrapes)))
                .Concat(Enumerable.Range(0, 5).Select(r => Task.Run(() => Loop(i => apiPaths[(i + r) % apiPaths.Length], reads)))));
            var rssAfter = agent.RssBytes;

            output.WriteLine($"50 scrapers for {Duration.TotalSeconds} s: {scrapes}");
            output.WriteLine($"5 API readers: {reads}");
            output.WriteLine($"errors: {errors.Count}; RSS before {rssBefore / 1048576.0:F1} MiB, after {rssAfter / 1048576.0:F1} MiB");
            Assert.Empty(errors);
            Assert.True(scrapes.Count > 50, $"only {scrapes.Count} scrapes");
            Assert.False(agent.HasExited);
        }
        finally
        {
            foreach (var idle in idles)
            {
                idle.Dispose();
            }
        }
    }
}
