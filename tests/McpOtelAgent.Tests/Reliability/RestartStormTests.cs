using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using McpOtelAgent.Tests.Reliability.Support;
using Xunit.Abstractions;

namespace McpOtelAgent.Tests.Reliability;

/// <summary>
/// A managed server that crashes the moment it starts, for 30 s (the issue's 2 minutes, shortened with a 0.2 s base
/// delay capped at 1 s so the schedule still reaches its cap): it is restarted no more often than its backoff allows,
/// keeps being restarted (a crash-loop limit it cannot reach), and the agent keeps serving.
/// </summary>
[Trait(Support.Reliability.Category, Support.Reliability.Name)]
public sealed class RestartStormTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);
    private const double BaseDelay = 0.2;
    private const double Factor = 2;
    private const double MaxDelay = 1;

    [Fact]
    public async Task ManagedServer_CrashingInstantlyFor30Seconds_RestartsWithinItsBackoffSchedule()
    {
        var watch = Stopwatch.StartNew();
        using var agent = await AgentProcess.StartAsync($$"""
            {
              "mcpServers": {
                "storm": {
                  "command": "/bin/sh", "args": ["-c", "exit 3"],
                  "mcpOtelAgent": { "restart": { "mode": "always", "baseDelaySeconds": {{BaseDelay}}, "factor": {{Factor}},
                    "maxDelaySeconds": {{MaxDelay}}, "minUptimeSeconds": 10, "maxRestarts": 100000, "windowSeconds": 3600 } }
                }
              }
            }
            """);
        var rssStart = agent.RssBytes;
        var scrapes = 0;
        while (watch.Elapsed < Duration)
        {
            using var response = await agent.Http.GetAsync("/metrics");
            Assert.True(response.IsSuccessStatusCode);
            scrapes++;
            await Task.Delay(500);
        }

        var elapsed = watch.Elapsed.TotalSeconds;
        using var status = await agent.Http.GetFromJsonAsync<JsonDocument>("/api/v1/servers/storm");
        var lifecycle = status!.RootElement.GetProperty("lifecycle");
        var restarts = lifecycle.GetProperty("restarts").GetInt32();
        var allowed = MostRestartsIn(elapsed);

        output.WriteLine($"{elapsed:F1} s of an instantly crashing server: {restarts} restarts (the schedule allows at most {allowed}); " +
            $"state {lifecycle.GetProperty("state").GetString()}, last exit {lifecycle.GetProperty("lastExitCode")}; " +
            $"{scrapes} scrapes answered; RSS {rssStart / 1048576.0:F1} -> {agent.RssBytes / 1048576.0:F1} MiB");
        Assert.InRange(restarts, 5, allowed);
        Assert.Equal(3, lifecycle.GetProperty("lastExitCode").GetInt32());
        Assert.False(agent.HasExited);
    }

    /// <summary>How many restarts fit in <paramref name="seconds"/> if every wait is exactly as scheduled.</summary>
    private static int MostRestartsIn(double seconds)
    {
        var (restarts, waited) = (0, 0.0);
        while (true)
        {
            var delay = Math.Min(BaseDelay * Math.Pow(Factor, restarts), MaxDelay);
            if (waited + delay > seconds)
            {
                return restarts;
            }

            waited += delay;
            restarts++;
        }
    }
}
