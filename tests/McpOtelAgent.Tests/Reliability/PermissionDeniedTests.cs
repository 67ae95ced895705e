using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using McpOtelAgent.Tests.Agent.Support;
using McpOtelAgent.Tests.Reliability.Support;
using McpOtelAgent.Tests.Support;
using Xunit.Abstractions;

namespace McpOtelAgent.Tests.Reliability;

/// <summary>
/// The agent as <c>nobody</c> (through <c>setpriv</c>) watching root's processes: /proc/&lt;pid&gt;/io and fd/ are
/// denied. It reports what it can read, counts the denials by reason, and keeps serving.
/// </summary>
[Trait(Support.Reliability.Category, Support.Reliability.Name)]
public sealed class PermissionDeniedTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _copy = Directory.CreateTempSubdirectory("mcpotel-agent-copy-").FullName;

    public void Dispose() => Directory.Delete(_copy, recursive: true);

    [Fact]
    public async Task UnprivilegedAgent_RootsProcess_PartialDataDeniedCountedNoCrash()
    {
        Assert.True(Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root",
            "the test runs as root to watch root's processes from nobody");
        CopyReadable(AgentProcess.BuildDirectory, _copy);
        var marker = "denied-" + Guid.NewGuid().ToString("N")[..8];
        using var target = ChildProcess.Idle(marker);
        using var agent = await AgentProcess.StartAsync(
            $$"""{ "Agent": { "Servers": { "rootproc": { "Match": "{{marker}}" } } } }""",
            new Dictionary<string, string> { ["HOME"] = "/tmp", ["MCPOTEL_API_KEY"] = AgentProcess.ApiKey },
            launcher: ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"],
            agentDirectory: _copy);
        Assert.Equal("65534", (await File.ReadAllLinesAsync($"/proc/{agent.Pid}/status")).Single(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t')[1]);

        var text = await Poll.UntilAsync(agent.ScrapeAsync,
            t => Exposition.Value(t, "mcp_server_up", ("server_id", "rootproc")) == 1 && Denials(t) > 0,
            "the root process up with its unreadable parts counted");
        using var status = await agent.Http.GetFromJsonAsync<JsonDocument>("/api/v1/servers/rootproc");
        using var extended = await agent.Http.GetAsync("/api/v1/servers/rootproc/metrics/extended");

        output.WriteLine($"reads that could not return everything, counted: {Denials(text)}");
        output.WriteLine($"status: {status!.RootElement}");
        output.WriteLine($"extended: {(int)extended.StatusCode} {await extended.Content.ReadAsStringAsync()}");
        Assert.NotNull(Exposition.Value(text, "process_memory_usage_bytes", ("server_id", "rootproc")));
        Assert.NotNull(Exposition.Value(text, "process_thread_count", ("server_id", "rootproc")));
        Assert.Equal(System.Net.HttpStatusCode.OK, extended.StatusCode);
        // fd/ is what nobody may not list: the count is absent (null), never a fake 0.
        Assert.Equal(JsonValueKind.Null, status.RootElement.GetProperty("metrics").GetProperty("fileDescriptors").ValueKind);
        Assert.Null(Exposition.Value(text, "process_unix_file_descriptor_count", ("server_id", "rootproc")));
        Assert.False(agent.HasExited);
        Assert.DoesNotContain("Exception", agent.Output, StringComparison.Ordinal);
    }

    /// <summary>Reads of the target that came back partial or denied (the probe says which).</summary>
    private static double Denials(string text) =>
        (Exposition.Value(text, "mcp_agent_probe_errors_total", ("reason", "denied"), ("server_id", "rootproc")) ?? 0)
        + (Exposition.Value(text, "mcp_agent_probe_errors_total", ("reason", "partial"), ("server_id", "rootproc")) ?? 0);

    /// <summary>The build output, readable by every user (the worktree it comes from may not be).</summary>
    private static void CopyReadable(string from, string to)
    {
        using var copy = Process.Start("cp", ["-r", "-T", from, to])!;
        copy.WaitForExit();
        using var chmod = Process.Start("chmod", ["-R", "a+rX", to])!;
        chmod.WaitForExit();
        Assert.Equal(0, copy.ExitCode + chmod.ExitCode);
    }
}
