using System.Net;
using System.Text;
using System.Text.Json;
using McpOtelAgent.Tests.Agent.Support;
using McpOtelAgent.Tests.Support;

namespace McpOtelAgent.Tests.Health;

/// <summary>The health, alert and threshold endpoints of the real agent, monitoring itself as <c>mcp-otel-agent</c>.</summary>
[Collection(AgentHostCollection.Name)]
public sealed class HealthApiTests : IAsyncLifetime
{
    private const string Self = "mcp-otel-agent";
    private RunningAgent _agent = null!;

    public async Task InitializeAsync() =>
        _agent = await RunningAgent.StartAsync($$"""
            { "Agent": { "ApiKey": "{{RunningAgent.ApiKey}}", "HealthCheckIntervalSeconds": 1,
              "Health": { "Thresholds": { "thread_count": { "Warning": 500, "ForSeconds": 10 } },
                          "Servers": { "attached": { "Thresholds": { "memory_mb": { "Warning": 2048 } } } } } } }
            """);

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, string? body = null, string? key = RunningAgent.ApiKey)
    {
        using var response = await _agent.Http.SendAsync(_agent.Request(method, path, key, body is null ? null : Json(body)));
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text.Length == 0 ? "null" : text);
        return (response.StatusCode, document.RootElement.Clone());
    }

    private static JsonElement Named(JsonElement thresholds, string name) =>
        thresholds.EnumerateArray().Single(t => t.GetProperty("name").GetString() == name);

    [Fact]
    public async Task GetThresholds_Configured_EffectiveValuesWithDefaultsAndDocumentedSteps()
    {
        var (status, body) = await SendAsync(HttpMethod.Get, "/api/v1/thresholds");

        Assert.Equal(HttpStatusCode.OK, status);
        var cpu = Named(body.GetProperty("thresholds"), "cpu_percent");
        Assert.Equal((80.0, 95.0, 2.0), (cpu.GetProperty("warning").GetDouble(), cpu.GetProperty("critical").GetDouble(), cpu.GetProperty("forSeconds").GetDouble()));
        Assert.Equal("high_cpu", cpu.GetProperty("alertType").GetString());
        var threads = Named(body.GetProperty("thresholds"), "thread_count");
        Assert.Equal((500.0, 1000.0, 10.0), (threads.GetProperty("warning").GetDouble(), threads.GetProperty("critical").GetDouble(), threads.GetProperty("forSeconds").GetDouble()));
        Assert.Equal(
            ["cpu_percent", "memory_percent", "memory_mb", "file_descriptors", "thread_count", "fd_usage_ratio"],
            body.GetProperty("thresholds").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task PutThreshold_NoKey_401AndUnchanged()
    {
        var (status, _) = await SendAsync(HttpMethod.Put, "/api/v1/thresholds/memory_mb", """{ "warning": 10 }""", key: null);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(1024, Named((await SendAsync(HttpMethod.Get, "/api/v1/thresholds")).Body.GetProperty("thresholds"), "memory_mb").GetProperty("warning").GetDouble());
    }

    [Fact]
    public async Task PutThreshold_WarningOnly_CriticalFollowsAndGetShowsIt()
    {
        var (status, body) = await SendAsync(HttpMethod.Put, "/api/v1/thresholds/memory_mb", """{ "warning": 512 }""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((512.0, 1024.0), (body.GetProperty("warning").GetDouble(), body.GetProperty("critical").GetDouble()));
        var listed = Named((await SendAsync(HttpMethod.Get, "/api/v1/thresholds")).Body.GetProperty("thresholds"), "memory_mb");
        Assert.Equal(512, listed.GetProperty("warning").GetDouble());
    }

    [Fact]
    public async Task PutThreshold_CriticalBelowWarning_400NamingTheField()
    {
        var (status, body) = await SendAsync(HttpMethod.Put, "/api/v1/thresholds/cpu_percent", """{ "warning": 90, "critical": 50 }""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").TryGetProperty("critical", out _));
    }

    [Fact]
    public async Task PutThreshold_UnknownName_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Put, "/api/v1/thresholds/cpu_percnt", """{ "warning": 1 }""")).Status);
    }

    [Fact]
    public async Task PutServerThreshold_KnownServer_OnlyThatServerChangesAndIsListed()
    {
        var (status, body) = await SendAsync(HttpMethod.Put, $"/api/v1/servers/{Self}/thresholds/file_descriptors", """{ "warning": 300, "forSeconds": 0 }""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((300.0, 600.0, 0.0), (body.GetProperty("warning").GetDouble(), body.GetProperty("critical").GetDouble(), body.GetProperty("forSeconds").GetDouble()));
        var list = (await SendAsync(HttpMethod.Get, "/api/v1/thresholds")).Body;
        Assert.Equal(1000, Named(list.GetProperty("thresholds"), "file_descriptors").GetProperty("warning").GetDouble());
        Assert.Equal(300, Named(list.GetProperty("servers").GetProperty(Self), "file_descriptors").GetProperty("warning").GetDouble());
        var server = (await SendAsync(HttpMethod.Get, $"/api/v1/servers/{Self}/thresholds")).Body;
        Assert.Equal(300, Named(server, "file_descriptors").GetProperty("warning").GetDouble());
    }

    [Fact]
    public async Task DeleteServer_ApiOverrides_GoWithItAndConfiguredOnesStay()
    {
        foreach (var id in new[] { "attached", "transient" })
        {
            Assert.Equal(HttpStatusCode.Created, (await SendAsync(HttpMethod.Post, "/api/v1/servers", Attach(id))).Status);
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Put, $"/api/v1/servers/{id}/thresholds/cpu_percent", """{ "warning": 50 }""")).Status);
            Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Delete, $"/api/v1/servers/{id}")).Status);
        }

        var servers = (await SendAsync(HttpMethod.Get, "/api/v1/thresholds")).Body.GetProperty("servers");
        Assert.Equal(["attached"], servers.EnumerateObject().Select(p => p.Name).Where(id => id != Self));
        Assert.Equal(2048, Named(servers.GetProperty("attached"), "memory_mb").GetProperty("warning").GetDouble());
        Assert.Equal(80, Named(servers.GetProperty("attached"), "cpu_percent").GetProperty("warning").GetDouble());

        // The same id attached again is a new server: it starts from the global values.
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(HttpMethod.Post, "/api/v1/servers", Attach("transient"))).Status);
        Assert.Equal(80, Named((await SendAsync(HttpMethod.Get, "/api/v1/servers/transient/thresholds")).Body, "cpu_percent").GetProperty("warning").GetDouble());

        static string Attach(string id) => $$"""{ "id": "{{id}}", "pid": {{Environment.ProcessId}} }""";
    }

    [Theory]
    [InlineData("PUT", "/api/v1/servers/nope/thresholds/cpu_percent")]
    [InlineData("GET", "/api/v1/servers/nope/thresholds")]
    [InlineData("GET", "/api/v1/servers/nope/health")]
    public async Task ServerRoutes_UnknownServer_404ProblemJson(string method, string path)
    {
        using var response = await _agent.Http.SendAsync(_agent.Request(new HttpMethod(method), path, content: Json("""{ "warning": 1 }""")));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task GetHealth_SelfMonitored_SeedHealthMetricsShape()
    {
        var body = await Poll.UntilAsync(
            async () => (await SendAsync(HttpMethod.Get, $"/api/v1/servers/{Self}/health")).Body,
            b => b.GetProperty("lastCheck").ValueKind == JsonValueKind.String,
            "the agent's first health check of itself");

        Assert.Equal(Self, body.GetProperty("serverId").GetString());
        Assert.Contains(body.GetProperty("status").GetString(), new[] { "healthy", "warning", "error", "critical" });
        Assert.Equal(JsonValueKind.Array, body.GetProperty("issues").ValueKind);
        Assert.Equal(JsonValueKind.Number, body.GetProperty("warningCount").ValueKind);
        Assert.Equal(JsonValueKind.Number, body.GetProperty("errorCount").ValueKind);
    }

    [Fact]
    public async Task GetAlerts_BadState_400NamingState()
    {
        var (status, body) = await SendAsync(HttpMethod.Get, "/api/v1/alerts?state=pending");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").TryGetProperty("state", out _));
    }

    [Fact]
    public async Task DeleteAlerts_NoKeyThenKey_401ThenCount()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Delete, $"/api/v1/alerts?serverId={Self}", key: null)).Status);

        var (status, body) = await SendAsync(HttpMethod.Delete, $"/api/v1/alerts?serverId={Self}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(JsonValueKind.Number, body.GetProperty("cleared").ValueKind);
    }

    [Fact]
    public async Task Start_BadHealthAndAlertKeys_EveryProblemNamedAtOnce()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => RunningAgent.StartAsync("""
            { "Agent": {
              "Health": { "ForecastHorizonSeconds": 0, "Thresholds": { "cpu_percnt": { "Warning": 1 }, "memory_mb": { "Warning": -5 } } },
              "Alerts": { "HistorySize": -1, "Alertmanager": { "Url": "ftp://example", "RetryBaseDelaySeconds": 0 } } } }
            """));

        foreach (var key in new[]
        {
            "Agent:Health:ForecastHorizonSeconds", "Agent:Health:Thresholds:cpu_percnt", "Agent:Health:Thresholds:memory_mb:Warning",
            "Agent:Alerts:HistorySize", "Agent:Alerts:Alertmanager:Url", "Agent:Alerts:Alertmanager:RetryBaseDelaySeconds",
        })
        {
            Assert.True(error.Message.Contains(key, StringComparison.Ordinal), error.ToString());
        }
    }
}
