using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using McpOtelAgent.Alerts;
using McpOtelAgent.Health;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace McpOtelAgent.Core.Tests.Alerts;

/// <summary>The forwarder's loops on a fake clock, against a handler that records what would reach Alertmanager.</summary>
public sealed class AlertmanagerForwarderTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingHandler _handler = new();
    private readonly AlertManager _alerts;
    private readonly AlertmanagerForwarder _forwarder;
    private readonly HttpClient _http;

    public AlertmanagerForwarderTests()
    {
        var options = Options.Create(new AlertOptions
        {
            Alertmanager = { Url = new Uri("http://127.0.0.1:9093"), ResendIntervalSeconds = 60, RetryBaseDelaySeconds = 1, RetryMaxDelaySeconds = 8 },
        });
        var queue = new AlertmanagerQueue(options, NullLogger<AlertmanagerQueue>.Instance);
        var sink = new AlertmanagerSink(queue, options);
        _alerts = new AlertManager(options, new AlertPipeline([sink], NullLogger<AlertPipeline>.Instance), _time);
        _http = new HttpClient(_handler);
        _forwarder = new AlertmanagerForwarder(
            queue, new AlertmanagerClient(_http, options), sink, _alerts, options, _time, NullLogger<AlertmanagerForwarder>.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        await _forwarder.StopAsync(CancellationToken.None);
        _forwarder.Dispose();
        _http.Dispose();
    }

    private void FireHighCpu() => _alerts.Evaluate(new HealthReport(
        "fs",
        HealthStatus.Warning,
        [new HealthIssue(ThresholdNames.CpuPercent, AlertTypes.HighCpu, Severity.Warning, "cpu_percent 90 is above 80", 90, 80, TimeSpan.Zero)],
        [],
        _time.GetUtcNow()));

    /// <summary>Moves the fake clock on in steps until the handler has seen <paramref name="count"/> posts.</summary>
    private async Task AdvanceUntilPostsAsync(int count, TimeSpan step)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (_handler.Bodies.Count < count)
        {
            _time.Advance(step);
            await Task.Delay(20, timeout.Token);
        }
    }

    [Fact]
    public async Task ResendLoop_AlertStillFiring_SentAgainWithEndsAtFourIntervalsAhead()
    {
        FireHighCpu();
        await _forwarder.StartAsync(CancellationToken.None);
        await AdvanceUntilPostsAsync(1, TimeSpan.Zero);

        await AdvanceUntilPostsAsync(2, TimeSpan.FromSeconds(60));

        var resent = JsonDocument.Parse(_handler.Bodies.ToArray()[1]).RootElement[0];
        Assert.Equal("high_cpu", resent.GetProperty("labels").GetProperty("alert_type").GetString());
        Assert.True(resent.GetProperty("endsAt").GetDateTimeOffset() >= _time.GetUtcNow() + TimeSpan.FromMinutes(3));
    }

    [Fact]
    public async Task SendLoop_AlertmanagerFailsOnce_SameAlertRetriedAfterBackoff()
    {
        _handler.Failures = 1;
        FireHighCpu();
        await _forwarder.StartAsync(CancellationToken.None);

        await AdvanceUntilPostsAsync(2, TimeSpan.FromSeconds(1));

        var bodies = _handler.Bodies.ToArray();
        Assert.Equal(bodies[0], bodies[1]);
        Assert.Equal(HttpStatusCode.OK, _handler.LastStatus);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(4, 8)]
    [InlineData(30, 8)]
    public void Backoff_Attempt_DoublesFromBaseUpToMax(int attempt, double seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), _forwarder.Backoff(attempt));
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public ConcurrentQueue<string> Bodies { get; } = new();

        public int Failures { get; set; }

        public HttpStatusCode LastStatus { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = await request.Content!.ReadAsStringAsync(cancellationToken);
            LastStatus = Failures-- > 0 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK;
            Bodies.Enqueue(body);
            return new HttpResponseMessage(LastStatus);
        }
    }
}
