using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using McpOtelAgent.Tests.Agent.Support;
using McpOtelAgent.Tests.Reliability.Support;
using McpOtelAgent.Tests.Support;
using Xunit.Abstractions;

namespace McpOtelAgent.Tests.Reliability;

/// <summary>What monitored processes do to the agent: die by SIGKILL, linger as zombies, hand their pid to another.</summary>
[Trait(Support.Reliability.Category, Support.Reliability.Name)]
public sealed class ProcessFaultTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> KeyEnvironment = new() { ["MCPOTEL_API_KEY"] = AgentProcess.ApiKey };

    [Fact]
    public async Task AttachedServer_Sigkilled_DownWithAReasonThenFoundAgainUnderTheSameId()
    {
        var marker = "sigkill-" + Guid.NewGuid().ToString("N")[..8];
        using var agent = await AgentProcess.StartAsync(
            $$"""{ "Agent": { "Servers": { "victim": { "Match": "{{marker}}" } } } }""", KeyEnvironment);
        using (var first = ChildProcess.Idle(marker))
        {
            await UpAsync(agent, "victim", 1);
            Kill(first.Pid);
            await UpAsync(agent, "victim", 0);
        }

        using var status = await agent.Http.GetFromJsonAsync<JsonDocument>("/api/v1/servers/victim");
        var down = status!.RootElement.ToString();
        using var second = ChildProcess.Idle(marker);
        var text = await UpAsync(agent, "victim", 1);

        output.WriteLine($"while down: {down}");
        Assert.Contains("no", down, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(Exposition.Value(text, "mcp_server_info", ("server_id", "victim"), ("process_pid", second.Pid.ToString(CultureInfo.InvariantCulture))));
        Assert.DoesNotContain("Exception", agent.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Zombie_AsTargetAndAsChild_ReportedWithoutErrors()
    {
        // The backgrounded sleep exits at once; the exec'd sleep that became its parent never reaps it.
        var marker = "zombie-" + Guid.NewGuid().ToString("N")[..8];
        using var parent = ChildProcess.Shell("sleep 0.1 & exec sleep 600", marker);
        var zombie = await Poll.UntilAsync(() => Task.FromResult(ZombieChildOf(parent.Pid)), z => z is not null, "a zombie child");
        using var agent = await AgentProcess.StartAsync(null, KeyEnvironment);
        using (var add = await agent.Http.SendAsync(agent.Request(HttpMethod.Post, "/api/v1/servers",
                   JsonContent.Create(new { id = "zombie", pid = zombie!.Value }))))
        {
            Assert.Equal(HttpStatusCode.Created, add.StatusCode);
        }

        using (var add = await agent.Http.SendAsync(agent.Request(HttpMethod.Post, "/api/v1/servers",
                   JsonContent.Create(new { id = "zombie-parent", pid = parent.Pid }))))
        {
            Assert.Equal(HttpStatusCode.Created, add.StatusCode);
        }

        var text = await agent.Http.GetStringAsync("/metrics");
        text = await Poll.UntilAsync(agent.ScrapeAsync,
            t => Exposition.Has(t, "mcp_server_up", "zombie") && Exposition.Value(t, "mcp_server_process_count", ("server_id", "zombie-parent")) is not null,
            "both targets sampled");
        foreach (var path in new[] { "/api/v1/servers/zombie", "/api/v1/servers/zombie/metrics", "/api/v1/servers/zombie/metrics/extended",
                     "/api/v1/servers/zombie/health", "/api/v1/servers/zombie-parent/metrics" })
        {
            using var response = await agent.Http.GetAsync(path);
            output.WriteLine($"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        output.WriteLine($"zombie pid {zombie}: up {Exposition.Value(text, "mcp_server_up", ("server_id", "zombie"))}, " +
            $"parent tree processes {Exposition.Value(text, "mcp_server_process_count", ("server_id", "zombie-parent"))}");
        Assert.True(Exposition.Value(text, "mcp_server_process_count", ("server_id", "zombie-parent")) >= 1);
        Assert.DoesNotContain("Exception", agent.Output, StringComparison.Ordinal);
    }

    /// <summary>
    /// Real pid reuse: after the attached server dies, the next process is forced onto its pid through
    /// <c>/proc/sys/kernel/ns_last_pid</c> (root only; other forks on the machine can win the race, so it retries). The
    /// new process must never be reported as the old <c>server_id</c>.
    /// </summary>
    [Fact]
    public async Task PidTarget_PidReusedByAnotherProcess_NeverAttributedToTheOldServer()
    {
        using var agent = await AgentProcess.StartAsync(null, KeyEnvironment);
        int pid;
        using (var original = ChildProcess.Idle("pid-reuse-original"))
        {
            pid = original.Pid;
            using var add = await agent.Http.SendAsync(agent.Request(HttpMethod.Post, "/api/v1/servers", JsonContent.Create(new { id = "old", pid })));
            Assert.Equal(HttpStatusCode.Created, add.StatusCode);
            await UpAsync(agent, "old", 1);
            Kill(pid);
        }

        await UpAsync(agent, "old", 0);
        using var impostor = StartOnPid(pid);
        Assert.True(impostor is not null, $"could not get pid {pid} back within the retries (a busy machine)");

        // Six sweeps at 0.5 s with the impostor alive on the old pid.
        for (var i = 0; i < 6; i++)
        {
            await Task.Delay(500);
            var text = await agent.ScrapeAsync();
            Assert.Equal(0, Exposition.Value(text, "mcp_server_up", ("server_id", "old")));
            Assert.Null(Exposition.Value(text, "mcp_server_info", ("server_id", "old"), ("process_pid", pid.ToString(CultureInfo.InvariantCulture))));
        }

        using var status = await agent.Http.GetFromJsonAsync<JsonDocument>("/api/v1/servers/old");
        output.WriteLine($"pid {pid} reused by an impostor; the old server says: {status!.RootElement}");
        Assert.Equal($"pid {pid} exited", status.RootElement.GetProperty("downReason").GetString());
    }

    private static async Task<string> UpAsync(AgentProcess agent, string serverId, double up) =>
        await Poll.UntilAsync(agent.ScrapeAsync, t => Exposition.Value(t, "mcp_server_up", ("server_id", serverId)) == up,
            $"mcp_server_up{{server_id=\"{serverId}\"}} == {up}");

    private static void Kill(int pid)
    {
        using var kill = Process.Start("kill", ["-9", pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    private static int? ZombieChildOf(int parent)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields[0] == "Z" && fields[1] == parent.ToString(CultureInfo.InvariantCulture))
                {
                    return pid;
                }
            }
            catch (IOException)
            {
                // Gone while listing.
            }
        }

        return null;
    }

    private static ChildProcess? StartOnPid(int pid)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            File.WriteAllText("/proc/sys/kernel/ns_last_pid", (pid - 1).ToString(CultureInfo.InvariantCulture));
            var child = ChildProcess.Idle("pid-reuse-impostor");
            if (child.Pid == pid)
            {
                return child;
            }

            child.Dispose();
        }

        return null;
    }
}
