using System.Net;
using System.Text.Json;
using McpOtelAgent.Wrapping;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace McpOtelAgent.Core.Tests.Wrapping;

public sealed class AgentReporterTests : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly FakeTimeProvider _time = new();
    private readonly RecordingHandler _handler = new();
    private readonly AgentClient _client;
    private readonly AgentReporter _reporter;

    public AgentReporterTests()
    {
        _client = new AgentClient(new Uri("http://agent.test:9464"), "k", _handler);
        _reporter = new AgentReporter(_client, "srv", Interval, _time, NullLogger.Instance, queueCapacity: 4);
    }

    public async ValueTask DisposeAsync()
    {
        await _reporter.DisposeAsync();
        _client.Dispose();
    }

    private static McpOperation Call(string tool, double seconds, string? error = null) =>
        new(MessageDirection.ClientToServer, "tools/call", tool, null, error, "2025-11-25", TimeSpan.FromSeconds(seconds));

    [Fact]
    public async Task Tick_QueuedMeasurements_SentOnceGroupedByLabels()
    {
        _reporter.RecordOperation(Call("echo", 0.5));
        _reporter.RecordOperation(Call("echo", 0.25));
        _reporter.RecordNotification("notifications/initialized", MessageDirection.ClientToServer);

        await TickAsync(() => _reporter.SentBatches == 1);

        var (path, authorization, body) = Assert.Single(_handler.Requests);
        Assert.Equal(("/api/v1/servers/srv/mcp-traffic", "Bearer k"), (path, authorization));
        var report = JsonSerializer.Deserialize(body, WrapJsonContext.Default.McpTrafficReport)!;
        var batch = Assert.Single(report.Operations);
        Assert.Equal(("client", "tools/call", "echo", "2025-11-25"), (batch.Initiator, batch.Method, batch.Tool, batch.ProtocolVersion));
        Assert.Equal([0.5, 0.25], batch.DurationsSeconds);
        Assert.Equal([new McpNotificationCount("notifications/initialized", 1)], report.Notifications);
    }

    [Fact]
    public async Task Tick_AgentDown_DropsTheBatchAndSendsLaterOnesWhenItIsBack()
    {
        _handler.Fail = true;
        _reporter.RecordOperation(Call("echo", 0.1));
        await TickAsync(() => _reporter.Dropped == 1);

        _handler.Fail = false;
        _reporter.RecordOperation(Call("echo", 0.2, "tool_error"));
        await TickAsync(() => _reporter.SentBatches == 1);

        Assert.Equal(2, _handler.Requests.Count);
        Assert.Equal(1, _reporter.Dropped);
    }

    [Fact]
    public async Task Tick_AgentDoesNotKnowTheServer_AttachesItAgainAndResendsTheBatch()
    {
        await using var reporter = new AgentReporter(_client, "srv", Interval, _time, NullLogger.Instance, attachAgain: async cancellationToken =>
        {
            await _client.AttachAsync("srv", 4242, cancellationToken);
            return true;
        });
        _handler.Forgotten = true;
        reporter.RecordOperation(Call("echo", 0.1));

        await TickAsync(() => reporter.SentBatches == 1);

        Assert.Equal(
            ["/api/v1/servers/srv/mcp-traffic", "/api/v1/servers", "/api/v1/servers/srv/mcp-traffic"],
            _handler.Requests.Select(r => r.Path));
        Assert.Equal(0, reporter.Dropped);
    }

    [Fact]
    public async Task Tick_AgentDoesNotKnowTheServerAndNothingToAttach_DropsTheBatch()
    {
        _handler.Forgotten = true;
        _reporter.RecordOperation(Call("echo", 0.1));

        await TickAsync(() => _reporter.Dropped == 1);

        Assert.Equal(0, _reporter.SentBatches);
    }

    [Fact]
    public void Record_QueueFull_DropsAndCountsWithoutBlocking()
    {
        for (var i = 0; i < 10; i++)
        {
            _reporter.RecordOperation(Call("echo", 0.1));
        }

        Assert.Equal(6, _reporter.Dropped);
    }

    [Fact]
    public async Task DisposeAsync_Pending_FlushesWithoutWaitingForATick()
    {
        _reporter.RecordOperation(Call("get-sum", 0.1));

        await _reporter.DisposeAsync();

        Assert.Single(_handler.Requests);
    }

    /// <summary>Lets one interval pass, then waits (bounded) for the send it triggers to settle.</summary>
    private async Task TickAsync(Func<bool> settled)
    {
        _time.Advance(Interval);
        for (var i = 0; i < 1000 && !settled(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(settled());
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public List<(string Path, string? Authorization, string Body)> Requests { get; } = [];

        public bool Fail { get; set; }

        /// <summary>The agent has no target "srv" (it restarted) until a POST /api/v1/servers attaches one.</summary>
        public bool Forgotten { get; set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            var path = request.RequestUri!.AbsolutePath;
            lock (Requests)
            {
                Requests.Add((path, request.Headers.Authorization?.ToString(), body));
            }

            if (Fail)
            {
                throw new HttpRequestException("connection refused");
            }

            if (path == "/api/v1/servers")
            {
                Forgotten = false;
                return new HttpResponseMessage(HttpStatusCode.Created);
            }

            return new HttpResponseMessage(Forgotten ? HttpStatusCode.NotFound : HttpStatusCode.NoContent);
        }
    }
}
