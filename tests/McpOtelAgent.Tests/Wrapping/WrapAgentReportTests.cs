using System.Collections;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using McpOtelAgent.Tests.Agent.Support;
using McpOtelAgent.Tests.Support;

namespace McpOtelAgent.Tests.Wrapping;

/// <summary>
/// <c>wrap --agent URL</c> against the real agent (in this process): the wrapper attaches its server's process, reports
/// its traffic, and the agent's own <c>/metrics</c> shows it next to the process series.
/// </summary>
[Collection(AgentHostCollection.Name)]
public sealed partial class WrapAgentReportTests : IAsyncLifetime
{
    private RunningAgent _agent = null!;

    public async Task InitializeAsync() =>
        _agent = await RunningAgent.StartAsync(environment: new Hashtable { ["MCPOTEL_API_KEY"] = RunningAgent.ApiKey });

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    [Fact]
    public async Task Wrap_AgentRunning_AgentMetricsCountEachOperationByMethodToolAndErrorType()
    {
        var standardError = new List<string>();

        await WrappedSdkSession.RunAsync(
            ["--server-id", "agent-everything", "--agent", _agent.BaseAddress.ToString(), "--api-key", RunningAgent.ApiKey],
            duringSession: async _ =>
            {
                // Attached while it runs, as the real server (node running server-everything), not the wrapper; sampled.
                var status = await Poll.UntilAsync(
                    () => _agent.Http.GetFromJsonAsync<ServerStatus>("/api/v1/servers/agent-everything"),
                    s => s?.Pid is not null && s.LastSampleAt is not null,
                    "the wrapped server attached and sampled");
                Assert.Contains("server-everything", await File.ReadAllTextAsync($"/proc/{status!.Pid}/cmdline"), StringComparison.Ordinal);
                var exposition = await _agent.ScrapeAsync();
                Assert.Contains("process_memory_usage_bytes{", exposition, StringComparison.Ordinal);
                Assert.Contains("server_id=\"agent-everything\"", exposition, StringComparison.Ordinal);
            },
            standardError: standardError);

        Assert.DoesNotContain(standardError, line => line.Contains("Could not", StringComparison.Ordinal));
        (string, string, string, long)[] expected =
        [
            ("initialize", "", "", 1),
            ("server/discover", "", "-32601", 1),
            ("tools/call", "echo", "", 2),
            ("tools/call", "echo", "tool_error", 1),
            ("tools/call", "get-sum", "", 1),
            ("tools/list", "", "", 1),
        ];

        // The wrapper has sent everything before it exits, but /metrics answers from a short-lived cache (the scrape
        // during the session may still be served): wait for the counts, then compare them whole.
        var exposition = await _agent.ScrapeUntilAsync(
            text => OperationCounts(text).Sum(c => c.Count) >= expected.Sum(e => e.Item4),
            "every operation of the session on /metrics");
        Assert.Equal(expected, OperationCounts(exposition).Order());

        // Detached when the session ended.
        using var gone = await _agent.Http.GetAsync("/api/v1/servers/agent-everything");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Wrap_AgentDown_SessionStillWorksEndToEnd()
    {
        var elapsed = await WrappedSdkSession.RunAsync(["--server-id", "orphan", "--agent", $"http://127.0.0.1:{WrapFixtures.ClosedPort()}"]);

        Assert.True(elapsed < TimeSpan.FromSeconds(20), $"the wrapper took {elapsed} to end");
    }

    [Fact]
    public async Task Wrap_AgentForgetsTheServer_WrapperAttachesItAgainAndItsTrafficCounts()
    {
        await WrappedSdkSession.RunAsync(
            ["--server-id", "forgotten", "--agent", _agent.BaseAddress.ToString(), "--api-key", RunningAgent.ApiKey],
            duringSession: async client =>
            {
                await Poll.UntilAsync(() => _agent.Http.GetAsync("/api/v1/servers/forgotten"), r => r.IsSuccessStatusCode, "forgotten attached");

                // What a restarted agent knows of the servers attached before it went down: nothing.
                using var detach = await _agent.Http.SendAsync(_agent.Request(HttpMethod.Delete, "/api/v1/servers/forgotten"));
                Assert.Equal(HttpStatusCode.NoContent, detach.StatusCode);
                await client.CallToolAsync("get-sum", new Dictionary<string, object?> { ["a"] = 1, ["b"] = 2 });

                await Poll.UntilAsync(() => _agent.Http.GetAsync("/api/v1/servers/forgotten"), r => r.IsSuccessStatusCode, "forgotten attached again");
            });

        await _agent.ScrapeUntilAsync(
            text => Exposition.Value(text, "mcp_server_operation_duration_seconds_count", ("server_id", "forgotten"), ("gen_ai_tool_name", "get-sum")) == 2,
            "both get-sum calls of forgotten on /metrics");
    }

    [Fact]
    public async Task PostMcpTraffic_ServerNotMonitored_Returns404AndRecordsNothing()
    {
        using var request = _agent.Request(HttpMethod.Post, "/api/v1/servers/never-attached/mcp-traffic", content: Json(
            """{"operations":[{"initiator":"client","method":"tools/call","tool":"x","durationsSeconds":[0.1]}],"notifications":[{"method":"n","count":1}]}"""));

        using var response = await _agent.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("server_id=\"never-attached\"", await _agent.ScrapeAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostMcpTraffic_InvalidReport_Returns400NamingEachField()
    {
        using var request = _agent.Request(HttpMethod.Post, "/api/v1/servers/-x/mcp-traffic", content: Json(
            """{"operations":[{"initiator":"nobody","method":"","durationsSeconds":[-1]}],"notifications":[{"method":"n","count":-2}]}"""));

        using var response = await _agent.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemBody>();
        Assert.Equal(
            ["id", "notifications[0].count", "operations[0].durationsSeconds", "operations[0].initiator", "operations[0].method"],
            problem!.Errors.Keys.Order());
    }

    [Fact]
    public async Task PostMcpTraffic_WithoutApiKey_Returns401AndRecordsNothing()
    {
        using var request = _agent.Request(HttpMethod.Post, "/api/v1/servers/intruder/mcp-traffic", key: null, content: Json(
            """{"operations":[{"initiator":"client","method":"tools/call","tool":"x","durationsSeconds":[0.1]}]}"""));

        using var response = await _agent.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("server_id=\"intruder\"", await _agent.ScrapeAsync(), StringComparison.Ordinal);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>Every <c>mcp_server_operation_duration_seconds_count</c> series of the wrapped server, by its labels.</summary>
    private static List<(string Method, string Tool, string ErrorType, long Count)> OperationCounts(string exposition) =>
        CountSeries().Matches(exposition)
            .Select(m => Labels(m.Groups["labels"].Value) is var labels && labels.GetValueOrDefault("server_id") == "agent-everything"
                ? (labels["mcp_method_name"], labels.GetValueOrDefault("gen_ai_tool_name", ""), labels.GetValueOrDefault("error_type", ""),
                    long.Parse(m.Groups["value"].Value, NumberStyles.Integer, CultureInfo.InvariantCulture))
                : default)
            .Where(c => c.Item1 is not null)
            .ToList();

    private static Dictionary<string, string> Labels(string text) =>
        LabelPair().Matches(text).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value, StringComparer.Ordinal);

    [GeneratedRegex("""^mcp_server_operation_duration_seconds_count\{(?<labels>[^}]*)\} (?<value>\d+)""", RegexOptions.Multiline)]
    private static partial Regex CountSeries();

    [GeneratedRegex("(?<name>[a-zA-Z_][a-zA-Z0-9_]*)=\"(?<value>[^\"]*)\"")]
    private static partial Regex LabelPair();

    private sealed record ServerStatus(string Id, int? Pid, DateTimeOffset? LastSampleAt);

    private sealed record ValidationProblemBody(Dictionary<string, string[]> Errors);
}
