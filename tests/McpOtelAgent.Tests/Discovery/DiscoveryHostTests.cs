using System.Collections;
using System.Net;
using System.Text;
using System.Text.Json;
using McpOtelAgent.Cli;
using McpOtelAgent.Discovery;
using McpOtelAgent.Hosting;
using McpOtelAgent.Tests.Agent.Support;
using McpOtelAgent.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace McpOtelAgent.Tests.Discovery;

/// <summary>
/// Discovery in the real agent host, on a clock the test moves (the sampler sweeps once at start, then only when the
/// test says so), against shells whose command lines look like MCP servers to the detector.
/// </summary>
[Collection(AgentHostCollection.Name)]
public sealed class DiscoveryHostTests
{
    private static readonly TimeSpan Interval = new DiscoveryOptions().Interval;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData("pid")]
    [InlineData("match")]
    public async Task AttachOnce_ProcessAttachedThroughTheApiNotSampledYet_NotAttachedASecondTime(string how)
    {
        using var server = ChildProcess.Idle($"mcp-server-attached-by-{how}");
        await using var agent = await StartAsync();
        var spec = how == "pid" ? $"\"pid\": {server.Pid}" : $"\"match\": \"mcp-server-attached-by-{how}\"";
        using var added = await agent.Http.SendAsync(agent.Request(HttpMethod.Post, "/api/v1/servers", content: new StringContent(
            $$"""{ "id": "by-api", {{spec}} }""", Encoding.UTF8, "application/json")));
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);

        // The sampler has not swept since: only the target's own root source can say what it covers.
        agent.Services.GetRequiredService<DiscoveryService>().AttachOnce();

        var ids = JsonDocument.Parse(await agent.Http.GetStringAsync("/api/v1/servers")).RootElement.EnumerateArray()
            .Select(s => s.GetProperty("id").GetString()).ToList();
        Assert.DoesNotContain($"discovered-mcp-server-attached-by-{how}-{server.Pid}", ids);
        var listed = Listed(await DiscoveryAsync(agent), server.Pid);
        Assert.True(listed.GetProperty("monitored").GetBoolean());
        Assert.Equal("by-api", listed.GetProperty("serverId").GetString());
    }

    [Fact]
    public async Task GetDiscovery_ManyRequestsWithinAnInterval_ServedOneScanWithItsTime()
    {
        await using var agent = await StartAsync();
        var first = await DiscoveryAsync(agent);
        using var later = ChildProcess.Idle("mcp-server-started-after-the-scan");

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => DiscoveryAsync(agent)));

        Assert.Equal(_time.GetUtcNow(), first.GetProperty("scannedAt").GetDateTimeOffset());
        Assert.Equal(Interval.TotalSeconds, first.GetProperty("intervalSeconds").GetDouble());
        Assert.All(answers, answer =>
        {
            Assert.Equal(first.GetProperty("scannedAt").GetDateTimeOffset(), answer.GetProperty("scannedAt").GetDateTimeOffset());
            Assert.DoesNotContain(answer.GetProperty("servers").EnumerateArray(), s => s.GetProperty("pid").GetInt32() == later.Pid);
        });

        _time.Advance(Interval);
        var next = await Poll.UntilAsync(() => DiscoveryAsync(agent),
            d => d.GetProperty("servers").EnumerateArray().Any(s => s.GetProperty("pid").GetInt32() == later.Pid), "the next scan");
        Assert.Equal(_time.GetUtcNow(), next.GetProperty("scannedAt").GetDateTimeOffset());
        var (exit, output, _) = await DiscoverAsync(agent);
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains(JsonDocument.Parse(output).RootElement.EnumerateArray(), s => s.GetProperty("pid").GetInt32() == later.Pid);
    }

    [Fact]
    public async Task GetDiscovery_Disabled_EnabledFalseAndNothingScanned()
    {
        using var server = ChildProcess.Idle("mcp-server-while-discovery-is-off");
        await using var agent = await StartAsync("""{ "Agent": { "Discovery": { "Enabled": false } } }""");

        var answer = await DiscoveryAsync(agent);

        Assert.False(answer.GetProperty("enabled").GetBoolean());
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("scannedAt").ValueKind);
        Assert.Empty(answer.GetProperty("servers").EnumerateArray());
        var (exit, _, errors) = await DiscoverAsync(agent);
        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Contains("Agent:Discovery:Enabled is false", errors, StringComparison.Ordinal);
    }

    private Task<RunningAgent> StartAsync(string? configJson = null) => RunningAgent.StartAsync(
        configJson,
        new Hashtable { ["MCPOTEL_API_KEY"] = RunningAgent.ApiKey },
        services => services.AddSingleton<TimeProvider>(_time));

    private static async Task<JsonElement> DiscoveryAsync(RunningAgent agent)
    {
        using var document = JsonDocument.Parse(await agent.Http.GetStringAsync("/api/v1/discovery"));
        return document.RootElement.Clone();
    }

    /// <summary><c>mcp-otel-agent discover --json --agent URL</c>.</summary>
    private static async Task<(int Exit, string Output, string Errors)> DiscoverAsync(RunningAgent agent)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = await DiscoverCommand.RunAsync(
            new AgentLaunch(null, new Dictionary<string, string?>(), new Hashtable()), agent.BaseAddress, json: true, output, errors, CancellationToken.None);
        return (exit, output.ToString(), errors.ToString());
    }

    private static JsonElement Listed(JsonElement discovery, int pid) =>
        Assert.Single(discovery.GetProperty("servers").EnumerateArray(), s => s.GetProperty("pid").GetInt32() == pid);
}
