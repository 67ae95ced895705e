using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using McpOtelAgent.Tests.Agent.Support;
using McpOtelAgent.Tests.Reliability.Support;
using McpOtelAgent.Tests.Support;
using Xunit.Abstractions;

namespace McpOtelAgent.Tests.Reliability;

/// <summary>
/// Churn: 1,000 short-lived processes a minute (each lives 0.3 s, so many exit while a sweep reads them) matched by one
/// <c>match</c> target for 60 s. The agent's memory stays flat, no series outlives its process, nothing throws.
/// </summary>
[Trait(Support.Reliability.Category, Support.Reliability.Name)]
public sealed partial class ChurnTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Growth allowed from the warmed-up agent (15 s) to the end of the run (60 s), JIT build: three runs grew 14.6,
    /// 14.8 and 17.7 MiB, tier-1 code and GC heap sizing included.
    /// </summary>
    private const long RssBoundBytes = 24 * 1024 * 1024;

    [Fact]
    public async Task MatchTarget_1000ProcessesPerMinuteFor60Seconds_FlatMemoryNoStaleSeries()
    {
        var marker = "churn-" + Guid.NewGuid().ToString("N")[..8];
        using var agent = await AgentProcess.StartAsync($$"""{ "Agent": { "Servers": { "churn": { "Match": "{{marker}}" } } } }""");
        using var spawner = ChildProcess.Start(Spawner(marker, perMinute: 1000, lifetimeSeconds: 0.3, Duration));

        // Warm up (JIT, first collections, the heap reaching its working size) before the baseline.
        await Task.Delay(TimeSpan.FromSeconds(15));
        var rssStart = agent.RssBytes;
        var seenPids = new HashSet<string>();
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < Duration - TimeSpan.FromSeconds(15) && !spawner.HasExited)
        {
            var text = await agent.ScrapeAsync();
            foreach (Match m in InfoPid().Matches(text))
            {
                seenPids.Add(m.Groups[1].Value);
            }

            await Task.Delay(1000);
        }

        var rssEnd = agent.RssBytes;
        spawner.Kill();
        var final = await Poll.UntilAsync(agent.ScrapeAsync,
            t => Exposition.Value(t, "mcp_server_up", ("server_id", "churn")) == 0, "the churn target down once the spawning stops");
        var spawned = Spawned(marker);
        var stale = InfoPid().Matches(final).Count;

        output.WriteLine($"processes started: ~{spawned} in {Duration.TotalSeconds} s; distinct pids seen on /metrics: {seenPids.Count}");
        output.WriteLine($"RSS after warm-up {rssStart / 1048576.0:F1} MiB, at the end {rssEnd / 1048576.0:F1} MiB " +
            $"(bound +{RssBoundBytes / 1048576} MiB); info series left after the churn: {stale}");
        output.WriteLine($"probe errors: {string.Join(", ", ProbeErrors().Matches(final).Select(m => m.Value))}");
        Assert.True(seenPids.Count > 10, $"the target saw only {seenPids.Count} pids");
        Assert.True(rssEnd - rssStart < RssBoundBytes, $"RSS grew by {(rssEnd - rssStart) / 1048576.0:F1} MiB");
        Assert.Equal(0, stale);
        Assert.DoesNotContain("Exception", agent.Output, StringComparison.Ordinal);
    }

    /// <summary>A python loop starting <c>sh -c 'sleep L' MARKER</c> at a fixed rate, reaping as it goes.</summary>
    private static ProcessStartInfo Spawner(string marker, int perMinute, double lifetimeSeconds, TimeSpan duration)
    {
        var script = string.Create(CultureInfo.InvariantCulture, $$"""
            import os, subprocess, time, sys
            marker = os.environ["CHURN_MARKER"]
            period = 60.0 / {{perMinute}}
            end = time.monotonic() + {{duration.TotalSeconds}}
            running = []
            started = 0
            nxt = time.monotonic()
            while time.monotonic() < end:
                running.append(subprocess.Popen(["/bin/sh", "-c", "sleep {{lifetimeSeconds}}", marker]))
                started += 1
                running = [p for p in running if p.poll() is None]
                nxt += period
                time.sleep(max(0.0, nxt - time.monotonic()))
                with open("/tmp/" + marker + ".count", "w") as f:
                    f.write(str(started))
            """);
        var info = new ProcessStartInfo("/usr/bin/python3") { UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        // Not on the spawner's own command line, or the match would find the spawner rather than its children.
        info.Environment["CHURN_MARKER"] = marker;
        return info;
    }

    private static string Spawned(string marker)
    {
        var path = $"/tmp/{marker}.count";
        var count = File.Exists(path) ? File.ReadAllText(path) : "0";
        File.Delete(path);
        return count;
    }

    [GeneratedRegex("""^mcp_server_info\{(?=[^}]*server_id="churn")[^}]*process_pid="(\d+)""", RegexOptions.Multiline)]
    private static partial Regex InfoPid();

    [GeneratedRegex("""^mcp_agent_probe_errors_total\{[^}]*\} \S+""", RegexOptions.Multiline)]
    private static partial Regex ProbeErrors();
}
