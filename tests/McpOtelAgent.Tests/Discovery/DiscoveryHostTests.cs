using System.Collections;
using System.Net;
using System.Text;
using System.Text.Json;
using McpOtelAgent.Discovery;
using McpOtelAgent.Tests.Agent.Support;
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

    private Task<RunningAgent> StartAsync(string? configJson = null) => RunningAgent.StartAsync(
        configJson,
        new Hashtable { ["MCPOTEL_API_KEY"] = RunningAgent.ApiKey },
        services => services.AddSingleton<TimeProvider>(_time));

    private static async Task<JsonElement> DiscoveryAsync(RunningAgent agent)
    {
        using var document = JsonDocument.Parse(await agent.Http.GetStringAsync("/api/v1/discovery"));
        return document.RootElement.Clone();
    }

    private static JsonElement Listed(JsonElement discovery, int pid) =>
        Assert.Single(discovery.EnumerateArray(), s => s.GetProperty("pid").GetInt32() == pid);
}
