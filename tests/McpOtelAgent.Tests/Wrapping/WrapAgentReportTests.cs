using System.Net;
using System.Net.Http.Json;
using McpOtelAgent.Telemetry;

namespace McpOtelAgent.Tests.Wrapping;

/// <summary>
/// <c>wrap --agent URL</c>: the wrapper attaches its server's process and reports its traffic over the agent's REST API;
/// the report endpoint records into the agent's instruments.
/// </summary>
public sealed class WrapAgentReportTests : IDisposable
{
    private readonly CollectedMetrics _metrics = new();

    public void Dispose() => _metrics.Dispose();

    [Fact]
    public async Task Wrap_AgentRunning_AttachesTheServerProcessAndReportsEachOperation()
    {
        await using var agent = await StubAgent.StartAsync(_metrics);
        var standardError = new List<string>();

        await WrappedSdkSession.RunAsync(
            ["--server-id", "agent-everything", "--agent", agent.Url, "--api-key", "k3y"],
            duringSession: () =>
            {
                // Attached while it runs: the pid is the real server (node running server-everything), not the wrapper.
                var (id, pid, authorization) = Assert.Single(agent.Attached);
                Assert.Equal(("agent-everything", "Bearer k3y"), (id, authorization));
                Assert.Contains("server-everything", File.ReadAllText($"/proc/{pid}/cmdline"), StringComparison.Ordinal);
                return Task.CompletedTask;
            },
            standardError: standardError);

        Assert.Equal(["agent-everything"], agent.Detached);
        Assert.DoesNotContain(standardError, line => line.Contains("Could not", StringComparison.Ordinal));
        var counts = _metrics.Histogram(MetricNames.McpServerOperationDuration)
            .Select(p => (p.Tags[AttributeNames.McpMethodName], p.Tags.GetValueOrDefault(AttributeNames.GenAiToolName), p.Tags.GetValueOrDefault(AttributeNames.ErrorType), p.Count))
            .Order()
            .ToList();
        Assert.Equal(
            [
                ("initialize", null, null, 1),
                ("server/discover", null, "-32601", 1),
                ("tools/call", "echo", null, 2),
                ("tools/call", "echo", "tool_error", 1),
                ("tools/call", "get-sum", null, 1),
                ("tools/list", null, null, 1),
            ],
            counts);
        Assert.All(_metrics.Histogram(MetricNames.McpServerOperationDuration), p => Assert.Equal("agent-everything", p.Tags["server_id"]));
    }

    [Fact]
    public async Task Wrap_AgentDown_SessionStillWorksEndToEnd()
    {
        var elapsed = await WrappedSdkSession.RunAsync(["--server-id", "orphan", "--agent", $"http://127.0.0.1:{WrapFixtures.ClosedPort()}"]);

        Assert.True(elapsed < TimeSpan.FromSeconds(20), $"the wrapper took {elapsed} to end");
    }

    [Fact]
    public async Task PostMcpTraffic_InvalidReport_Returns400NamingEachField()
    {
        await using var agent = await StubAgent.StartAsync(_metrics);
        using var http = new HttpClient { BaseAddress = new Uri(agent.Url) };

        using var response = await http.PostAsync(
            "/api/v1/servers/x/mcp-traffic",
            new StringContent(
                """{"operations":[{"initiator":"nobody","method":"","durationsSeconds":[-1]}],"notifications":[{"method":"n","count":-2}]}""",
                System.Text.Encoding.UTF8,
                "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemBody>();
        Assert.Equal(
            ["notifications[0].count", "operations[0].durationsSeconds", "operations[0].initiator", "operations[0].method"],
            problem!.Errors.Keys.Order());
        Assert.Empty(_metrics.Histogram(MetricNames.McpServerOperationDuration));
    }

    private sealed record ValidationProblemBody(Dictionary<string, string[]> Errors);
}
