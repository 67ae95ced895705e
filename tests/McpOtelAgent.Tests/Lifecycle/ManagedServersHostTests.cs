using System.Collections;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using McpOtelAgent.Discovery;
using McpOtelAgent.Tests.Agent.Support;
using McpOtelAgent.Tests.Lifecycle.Support;
using McpOtelAgent.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;

namespace McpOtelAgent.Tests.Lifecycle;

/// <summary>
/// The real agent supervising and probing real npm MCP servers declared in its configuration: metrics on /metrics
/// under the same server_id across a restart, the lifecycle API, crash-loop alerts, shutdown, and no secret anywhere.
/// </summary>
[Collection(AgentHostCollection.Name)]
public sealed class ManagedServersHostTests : IAsyncLifetime
{
    private const string Secret = "s3cret";

    private readonly TempDirectory _temp = new();
    private readonly TextLoggerProvider _logs = new();
    private RunningAgent _agent = null!;

    public async Task InitializeAsync()
    {
        var memoryFile = JsonSerializer.Serialize(Path.Combine(_temp.Path, "memory.jsonl"));
        var config = $$"""
            {
              "Agent": { "SelfMonitoring": { "Enabled": false }, "HealthCheckIntervalSeconds": 0.5 },
              "mcpServers": {
                "memory": {
                  "command": {{JsonSerializer.Serialize(NpmFixtures.Node)}},
                  "args": [{{JsonSerializer.Serialize(NpmFixtures.ServerMemory)}}, "--api-key={{Secret}}"],
                  "env": { "MEMORY_FILE_PATH": {{memoryFile}}, "MEMORY_API_TOKEN": "{{Secret}}" },
                  "mcpOtelAgent": {
                    "restart": { "baseDelaySeconds": 0.2, "minUptimeSeconds": 60 },
                    "probe": { "intervalSeconds": 0.5, "timeoutSeconds": 20 }
                  }
                },
                "dies": {
                  "command": "/bin/sh",
                  "args": ["-c", "exit 3"],
                  "mcpOtelAgent": { "restart": { "baseDelaySeconds": 0.05, "maxRestarts": 2 }, "probe": { "enabled": false } }
                },
                "silent": {
                  "command": "sleep",
                  "args": ["600"],
                  "mcpOtelAgent": {
                    "stop": { "stdinGraceSeconds": 0.2 },
                    "probe": { "intervalSeconds": 0.5, "timeoutSeconds": 0.5, "failureThreshold": 2 }
                  }
                },
                "later": {
                  "command": {{JsonSerializer.Serialize(NpmFixtures.Node)}},
                  "args": [{{JsonSerializer.Serialize(NpmFixtures.ServerMemory)}}],
                  "env": { "MEMORY_FILE_PATH": {{memoryFile}} },
                  "mcpOtelAgent": { "autoStart": false }
                }
              }
            }
            """;
        _agent = await RunningAgent.StartAsync(
            config,
            new Hashtable { ["MCPOTEL_API_KEY"] = RunningAgent.ApiKey },
            services => services.AddLogging(logging => logging.AddProvider(_logs)));
    }

    public async Task DisposeAsync()
    {
        await _agent.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task Metrics_ManagedServerMemory_ProbedWithToolsAndProcessSeries()
    {
        var text = await _agent.ScrapeUntilAsync(
            t => Exposition.Value(t, "mcp_server_probe_success", ("server_id", "memory")) == 1
                && Exposition.Has(t, "mcp_server_tools", "memory")
                && Exposition.Has(t, "process_cpu_time_seconds_total", "memory")
                && Exposition.Value(t, "mcp_client_operation_duration_seconds_count", ("server_id", "memory"), ("mcp_method_name", "ping")) >= 1,
            "memory probed and sampled");

        Assert.True(Exposition.Value(text, "mcp_server_tools", ("server_id", "memory")) > 0);
        Assert.Equal(1, Exposition.Value(text, "mcp_server_lifecycle_state", ("server_id", "memory"), ("mcp_server_lifecycle_state", "running")));
        Assert.Equal(0, Exposition.Value(text, "mcp_server_restarts_total", ("server_id", "memory")));
        Assert.Equal(0, Exposition.Value(text, "mcp_server_probe_consecutive_failures", ("server_id", "memory")));
        Assert.True(Exposition.Value(text, "mcp_server_probe_duration_seconds_count", ("server_id", "memory")) >= 1);
        Assert.True(Exposition.Value(text, "mcp_server_probe_duration_seconds_sum", ("server_id", "memory")) > 0);
        Assert.Equal(1, Exposition.Value(text, "mcp_server_protocol_info", ("server_id", "memory"), ("mcp_protocol_version", "2025-11-25")));

        // The SDK's own measurements of the probe's requests, with the server's id, on the agent's meter.
        foreach (var method in (string[])["ping", "tools/list"])
        {
            Assert.True(Exposition.Value(text, "mcp_client_operation_duration_seconds_bucket",
                ("mcp_method_name", method), ("server_id", "memory"), ("le", "+Inf")) >= 1, method);
        }

        var operations = text.Split('\n').Where(static l => l.StartsWith("mcp_client_operation_duration_seconds", StringComparison.Ordinal)).ToList();
        Assert.All(operations, l => Assert.Contains("server_id=\"", l, StringComparison.Ordinal));
        Assert.DoesNotContain(operations, l => l.Contains("unknownMethod", StringComparison.Ordinal));
        Assert.Single(text.Split('\n'), static l => l.StartsWith("# TYPE mcp_client_operation_duration_seconds ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Metrics_SdkClientThatIsNoProbe_CountedAsDroppedNotExported()
    {
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Command = NpmFixtures.Node,
            Arguments = [NpmFixtures.ServerMemory],
            EnvironmentVariables = new Dictionary<string, string?> { ["MEMORY_FILE_PATH"] = Path.Combine(_temp.Path, "own.jsonl") },
        });
        await using (var client = await McpClient.CreateAsync(transport))
        {
            await client.PingAsync();
        }

        var text = await _agent.ScrapeUntilAsync(t => Exposition.Value(t, "mcp_agent_sdk_dropped_measurements_total") >= 1, "the test's own session counted");

        Assert.All(
            text.Split('\n').Where(static l => l.StartsWith("mcp_client_", StringComparison.Ordinal)),
            l => Assert.Contains("server_id=\"", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task KillMinus9_ManagedServer_RestartedUnderTheSameSeries()
    {
        var before = await StatusAsync("memory");
        var pid = before.GetProperty("lifecycle").GetProperty("pid").GetInt32();

        Process.GetProcessById(pid).Kill();

        var after = await Poll.UntilAsync(() => StatusAsync("memory"),
            s => s.GetProperty("lifecycle") is var l && l.GetProperty("restarts").GetInt32() == 1 && l.GetProperty("state").GetString() == "running",
            "memory restarted");
        var lifecycle = after.GetProperty("lifecycle");
        Assert.Equal(9, lifecycle.GetProperty("lastExitSignal").GetInt32());
        var newPid = lifecycle.GetProperty("pid").GetInt32();
        Assert.NotEqual(pid, newPid);
        var text = await _agent.ScrapeUntilAsync(
            t => Exposition.Value(t, "mcp_server_info", ("server_id", "memory"), ("process_pid", newPid.ToString(System.Globalization.CultureInfo.InvariantCulture))) == 1
                && Exposition.Value(t, "mcp_server_probe_success", ("server_id", "memory")) == 1,
            "the new process sampled and probed under server_id memory");
        Assert.Equal(1, Exposition.Value(text, "mcp_server_restarts_total", ("server_id", "memory")));
    }

    [Fact]
    public async Task StopAndStart_ThroughTheApi_NeedTheKeyAndLeaveNoProcess()
    {
        var pid = (await StatusAsync("memory")).GetProperty("lifecycle").GetProperty("pid").GetInt32();
        var tree = ProcFs.Tree(pid);

        using var unauthorized = await _agent.Http.SendAsync(_agent.Request(HttpMethod.Post, "/api/v1/servers/memory/stop", key: null));
        using var stopped = await _agent.Http.SendAsync(_agent.Request(HttpMethod.Post, "/api/v1/servers/memory/stop"));

        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        Assert.Equal("stopped", (await ReadJsonAsync(stopped)).GetProperty("state").GetString());
        Assert.True(await Poll.TrueAsync(() => !tree.Any(ProcFs.Exists), TimeSpan.FromSeconds(5)));
        await _agent.ScrapeUntilAsync(
            t => Exposition.Value(t, "mcp_client_session_duration_seconds_count", ("server_id", "memory")) >= 1,
            "the probe session with the stopped memory closed and measured");
        var sampledStopped = await Poll.UntilAsync(() => StatusAsync("memory"),
            s => s.GetProperty("state").GetString() == "stopped", "memory sampled as stopped");
        var health = await HealthCheckedAfterAsync("memory", sampledStopped.GetProperty("lastSampleAt").GetDateTimeOffset());
        Assert.DoesNotContain("process_down", Rules(health));

        using var started = await _agent.Http.SendAsync(_agent.Request(HttpMethod.Post, "/api/v1/servers/later/start"));
        var later = await ReadJsonAsync(started);
        Assert.Equal("running", later.GetProperty("state").GetString());
        Assert.True(ProcFs.Exists(later.GetProperty("pid").GetInt32()));
    }

    [Theory]
    [InlineData("/api/v1/servers/nope/start")]
    [InlineData("/api/v1/servers/nope/restart")]
    public async Task Start_UndeclaredServer_404(string path)
    {
        using var response = await _agent.Http.SendAsync(_agent.Request(HttpMethod.Post, path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task CommandExitingAtOnce_EndsInCrashLoopWithAnAlert()
    {
        var status = await Poll.UntilAsync(() => StatusAsync("dies"),
            s => s.GetProperty("lifecycle").GetProperty("state").GetString() == "crash-loop", "dies in crash-loop");

        Assert.Equal(2, status.GetProperty("lifecycle").GetProperty("restarts").GetInt32());
        Assert.Equal(3, status.GetProperty("lifecycle").GetProperty("lastExitCode").GetInt32());
        await Poll.UntilAsync(
            () => _agent.Http.GetStringAsync("/api/v1/alerts?serverId=dies"),
            body => body.Contains("\"crash_loop\"", StringComparison.Ordinal),
            "a crash_loop alert for dies");
        var text = await _agent.ScrapeAsync();
        Assert.Equal(1, Exposition.Value(text, "mcp_server_lifecycle_state", ("server_id", "dies"), ("mcp_server_lifecycle_state", "crash-loop")));

        // A crash loop has no process and nobody asked for that: it is down too.
        await Poll.UntilAsync(() => HealthAsync("dies"), h => Rules(h).Contains("process_down"), "dies down in its health");
    }

    [Fact]
    public async Task Health_DeclaredWithoutAutoStart_StoppedNotDown()
    {
        var status = await Poll.UntilAsync(() => StatusAsync("later"), s => s.GetProperty("lastSampleAt").ValueKind != JsonValueKind.Null, "later sampled");

        var health = await HealthCheckedAfterAsync("later", status.GetProperty("lastSampleAt").GetDateTimeOffset());

        Assert.Equal("stopped", status.GetProperty("state").GetString());
        Assert.Equal(0, Exposition.Value(await _agent.ScrapeAsync(), "mcp_server_up", ("server_id", "later")));
        Assert.DoesNotContain("process_down", Rules(health));
        Assert.Equal("healthy", health.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Probe_ProcessThatSpeaksNoMcp_FailsAndRaisesProbeFailed()
    {
        await Poll.UntilAsync(
            () => _agent.Http.GetStringAsync("/api/v1/alerts?serverId=silent"),
            body => body.Contains("\"probe_failed\"", StringComparison.Ordinal),
            "a probe_failed alert for silent");

        var text = await _agent.ScrapeAsync();
        Assert.Equal(0, Exposition.Value(text, "mcp_server_probe_success", ("server_id", "silent")));
        Assert.True(Exposition.Value(text, "mcp_server_probe_consecutive_failures", ("server_id", "silent")) >= 2);
        Assert.Equal(1, Exposition.Value(text, "mcp_server_up", ("server_id", "silent")));
    }

    [Fact]
    public async Task Secret_InArgumentsAndEnvironment_NeverShownByTheAgent()
    {
        await _agent.ScrapeUntilAsync(
            t => Exposition.Has(t, "mcp_server_info", "memory") && Exposition.Value(t, "mcp_server_probe_success", ("server_id", "memory")) == 1,
            "memory sampled and probed");
        _agent.Services.GetRequiredService<DiscoveryService>().AttachOnce();
        var memoryPid = (await StatusAsync("memory")).GetProperty("lifecycle").GetProperty("pid").GetInt32();
        Assert.Equal(HttpStatusCode.NotFound, (await _agent.Http.GetAsync($"/api/v1/servers/discovered-server-memory-{memoryPid}")).StatusCode);

        var outputs = new Dictionary<string, string>
        {
            ["/metrics"] = await _agent.ScrapeAsync(),
            ["/api/v1/servers"] = await _agent.Http.GetStringAsync("/api/v1/servers"),
            ["/api/v1/servers/memory"] = await _agent.Http.GetStringAsync("/api/v1/servers/memory"),
            ["/api/v1/servers/memory/metrics/extended"] = await _agent.Http.GetStringAsync("/api/v1/servers/memory/metrics/extended"),
            ["/api/v1/mcp/servers"] = await _agent.Http.GetStringAsync("/api/v1/mcp/servers"),
            ["/api/v1/discovery"] = await _agent.Http.GetStringAsync("/api/v1/discovery"),
            ["logs"] = string.Join('\n', _logs.Lines),
        };

        Assert.Contains("--api-key=***", outputs["/api/v1/servers/memory"], StringComparison.Ordinal);
        Assert.Contains("\"MEMORY_API_TOKEN\":\"***\"", outputs["/api/v1/servers/memory"], StringComparison.Ordinal);
        Assert.Contains("--api-key=***", outputs["/metrics"], StringComparison.Ordinal);
        foreach (var (where, text) in outputs)
        {
            Assert.False(text.Contains(Secret, StringComparison.Ordinal), $"{where} shows the secret");
        }
    }

    [Fact]
    public async Task Shutdown_StopsEveryManagedServer()
    {
        var pid = (await StatusAsync("memory")).GetProperty("lifecycle").GetProperty("pid").GetInt32();
        var tree = ProcFs.Tree(pid);

        await _agent.DisposeAsync();
        _agent = await RunningAgent.StartAsync();

        Assert.True(await Poll.TrueAsync(() => !tree.Any(ProcFs.Exists), TimeSpan.FromSeconds(5)));
    }

    /// <summary>
    /// A health report that judged the sample taken at <paramref name="sampledAt"/> or a later one: a check two sampling
    /// intervals (0.5 s each) after the sample's time cannot still see an earlier sample.
    /// </summary>
    private Task<JsonElement> HealthCheckedAfterAsync(string id, DateTimeOffset sampledAt) =>
        Poll.UntilAsync(() => HealthAsync(id),
            h => h.GetProperty("lastCheck") is { ValueKind: JsonValueKind.String } at && at.GetDateTimeOffset() >= sampledAt.AddSeconds(1),
            $"a health check of {id} after its sample");

    private async Task<JsonElement> HealthAsync(string id)
    {
        using var response = await _agent.Http.GetAsync($"/api/v1/servers/{id}/health");
        response.EnsureSuccessStatusCode();
        return await ReadJsonAsync(response);
    }

    private static List<string> Rules(JsonElement health) =>
        [.. health.GetProperty("issues").EnumerateArray().Select(static i => i.GetProperty("rule").GetString()!)];

    private async Task<JsonElement> StatusAsync(string id)
    {
        using var response = await _agent.Http.GetAsync($"/api/v1/servers/{id}");
        response.EnsureSuccessStatusCode();
        return await ReadJsonAsync(response);
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }
}
