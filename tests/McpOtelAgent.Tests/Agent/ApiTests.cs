using System.Collections;
using System.Net;
using System.Text;
using System.Text.Json;
using McpOtelAgent.Tests.Agent.Support;
using McpOtelAgent.Tests.Support;

namespace McpOtelAgent.Tests.Agent;

public sealed class ApiTests : IAsyncLifetime
{
    private readonly ChildProcess _child = ChildProcess.Idle("api-tests");
    private RunningAgent _agent = null!;

    public async Task InitializeAsync() =>
        _agent = await RunningAgent.StartAsync(
            $$"""{ "Agent": { "Servers": { "svc": { "Pid": {{_child.Pid}} } } } }""",
            new Hashtable { ["MCPOTEL_API_KEY"] = RunningAgent.ApiKey });

    public async Task DisposeAsync()
    {
        await _agent.DisposeAsync();
        _child.Dispose();
    }

    [Fact]
    public async Task PostServers_NoKeyWrongKeyRightKey_401_401_Created()
    {
        var body = $$"""{ "id": "auth", "pid": {{_child.Pid}} }""";

        using var none = await _agent.Http.SendAsync(_agent.Request(HttpMethod.Post, "/api/v1/servers", key: null, Json(body)));
        using var wrong = await _agent.Http.SendAsync(_agent.Request(HttpMethod.Post, "/api/v1/servers", key: "wrong", Json(body)));
        using var right = await _agent.Http.SendAsync(_agent.Request(HttpMethod.Post, "/api/v1/servers", content: Json(body)));

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("application/problem+json", none.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Created, right.StatusCode);
        Assert.Equal("/api/v1/servers/auth", right.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task DeleteServer_WithoutKey_401AndTheServerStays()
    {
        using var response = await _agent.Http.SendAsync(_agent.Request(HttpMethod.Delete, "/api/v1/servers/svc", key: null));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _agent.Http.GetAsync("/api/v1/servers/svc")).StatusCode);
    }

    [Fact]
    public async Task DeleteServer_ConfiguredTarget_409ProblemJsonAndTheServerStays()
    {
        using var response = await _agent.Http.SendAsync(_agent.Request(HttpMethod.Delete, "/api/v1/servers/svc"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("configuration", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await _agent.Http.GetAsync("/api/v1/servers/svc")).StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/servers/nope")]
    [InlineData("/api/v1/servers/nope/metrics")]
    [InlineData("/api/v1/servers/nope/metrics/extended")]
    [InlineData("/api/v1/servers/nope/trends")]
    public async Task Get_UnknownId_404ProblemJson(string path)
    {
        using var response = await _agent.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("nope", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "id": "x" }""", "pid")]
    [InlineData("""{ "id": "x", "pid": 1, "match": "y" }""", "pid")]
    [InlineData("""{ "id": "bad id!", "pid": 1 }""", "id")]
    [InlineData("""{ "pid": 1 }""", "id")]
    [InlineData("""{ "id": "x", "match": "(" }""", "match")]
    [InlineData("""{ "id": "x", "pid": -3 }""", "pid")]
    public async Task PostServers_InvalidBody_400NamingTheField(string body, string field)
    {
        using var response = await _agent.Http.SendAsync(_agent.Request(HttpMethod.Post, "/api/v1/servers", content: Json(body)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"errors.{field} missing");
    }

    [Theory]
    [InlineData("{")]
    [InlineData("""{ "id": 5 }""")]
    [InlineData("""{ "id": "x", "pid": "twelve" }""")]
    [InlineData("[]")]
    public async Task PostServers_MalformedJson_400NotA500(string body)
    {
        using var response = await _agent.Http.SendAsync(_agent.Request(HttpMethod.Post, "/api/v1/servers", content: Json(body)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task PostServers_ExistingId_409()
    {
        using var response = await _agent.Http.SendAsync(_agent.Request(HttpMethod.Post, "/api/v1/servers",
            content: Json($$"""{ "id": "svc", "pid": {{_child.Pid}} }""")));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task GetServer_Sampled_ReportsStateMetricsExtendedAndTrends()
    {
        var status = await Poll.UntilAsync(() => _agent.Http.GetStringAsync("/api/v1/servers/svc/metrics"),
            s => s.Contains("\"cpuPercent\":", StringComparison.Ordinal) && !s.Contains("\"cpuPercent\":null", StringComparison.Ordinal),
            "a CPU percent");
        using var metrics = JsonDocument.Parse(status);
        Assert.Equal(_child.Pid, metrics.RootElement.GetProperty("pid").GetInt32());
        Assert.True(metrics.RootElement.GetProperty("memoryMb").GetDouble() > 0);

        using var server = JsonDocument.Parse(await _agent.Http.GetStringAsync("/api/v1/servers/svc"));
        Assert.Equal("up", server.RootElement.GetProperty("state").GetString());
        Assert.Equal("config", server.RootElement.GetProperty("origin").GetString());
        Assert.Equal($"pid {_child.Pid}", server.RootElement.GetProperty("target").GetString());

        using var extended = JsonDocument.Parse(await _agent.Http.GetStringAsync("/api/v1/servers/svc/metrics/extended"));
        Assert.Equal("/bin/sh", extended.RootElement.GetProperty("cmdline")[0].GetString());
        Assert.True(extended.RootElement.GetProperty("fileDescriptorLimit").GetUInt64() > 0);

        using var trends = JsonDocument.Parse(await _agent.Http.GetStringAsync("/api/v1/servers/svc/trends"));
        Assert.True(trends.RootElement.GetProperty("samples").GetInt32() >= 2);
        Assert.Equal(120, trends.RootElement.GetProperty("windowSize").GetInt32());

        using var list = JsonDocument.Parse(await _agent.Http.GetStringAsync("/api/v1/servers"));
        Assert.Equal(["mcp-otel-agent", "svc"], list.RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task OpenApi_Document_ListsTheServerRoutes()
    {
        var document = await _agent.Http.GetStringAsync("/api/v1/openapi.json");

        Assert.Contains("\"/api/v1/servers/{id}/metrics/extended\"", document, StringComparison.Ordinal);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
