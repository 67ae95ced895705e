using System.Text.Json;
using McpOtelAgent.Alerts;
using McpOtelAgent.Health;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace McpOtelAgent.Core.Tests.Alerts;

public class AlertSinkTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static Alert Alert(Severity severity = Severity.Warning, AlertState state = AlertState.Firing) => new(
        7, "fs", AlertTypes.HighCpu, severity, state, ThresholdNames.CpuPercent, 91.5, 80,
        "high_cpu on fs: cpu_percent 91.5 is above 80", "cpu_percent 91.5 is above 80",
        Now.AddMinutes(-2), Now.AddMinutes(-1), Now, state == AlertState.Resolved ? Now : null);

    private sealed class ThrowingSink : IAlertSink
    {
        public void Deliver(AlertEvent alertEvent) => throw new InvalidOperationException("sink down");
    }

    [Fact]
    public void LogAlertSink_Firing_EventIdAndStructuredFieldsAtSeverityLevel()
    {
        var logger = new RecordingLogger<LogAlertSink>();

        new LogAlertSink(logger).Deliver(new AlertEvent(AlertEventKind.Firing, Alert(Severity.Critical)));

        var (level, eventId, fields, _) = Assert.Single(logger.Events);
        Assert.Equal((LogLevel.Critical, 2000, "AlertFiring"), (level, eventId.Id, eventId.Name));
        Assert.Equal("fs", fields["server_id"]);
        Assert.Equal("high_cpu", fields["alert_type"]);
        Assert.Equal("critical", fields["severity"]);
        Assert.Equal("firing", fields["state"]);
        Assert.Equal(91.5, fields["value"]);
        Assert.Equal(80.0, fields["threshold"]);
    }

    [Fact]
    public void LogAlertSink_ResolvedAndSeverityChanged_TheirOwnEventIds()
    {
        var logger = new RecordingLogger<LogAlertSink>();
        var sink = new LogAlertSink(logger);

        sink.Deliver(new AlertEvent(AlertEventKind.SeverityChanged, Alert(Severity.Critical), Severity.Warning));
        sink.Deliver(new AlertEvent(AlertEventKind.Resolved, Alert(state: AlertState.Resolved)));

        Assert.Equal([2002, 2001], logger.Events.Select(e => e.EventId.Id));
        Assert.Equal("warning", logger.Events[0].Fields["previous_severity"]);
        Assert.Equal(("resolved", LogLevel.Information), ((string?)logger.Events[1].Fields["state"], logger.Events[1].Level));
    }

    [Fact]
    public void AlertPipeline_SinkThrows_OtherSinksAndCallbacksStillReceiveAndFailureLogged()
    {
        var logger = new RecordingLogger<AlertPipeline>();
        var received = new List<AlertEvent>();
        var pipeline = new AlertPipeline([new ThrowingSink(), new CallbackAlertSink(received.Add)], logger);
        var runtime = new List<AlertEvent>();
        using var registration = pipeline.AddCallback(runtime.Add);

        pipeline.Publish([new AlertEvent(AlertEventKind.Firing, Alert())]);

        Assert.Single(received);
        Assert.Single(runtime);
        Assert.Equal(2020, Assert.Single(logger.Events).EventId.Id);
    }

    [Fact]
    public void AlertPipeline_CallbackDisposed_NoLongerCalled()
    {
        var pipeline = new AlertPipeline([], NullLogger<AlertPipeline>.Instance);
        var runtime = new List<AlertEvent>();
        var registration = pipeline.AddCallback(runtime.Add);

        registration.Dispose();
        pipeline.Publish([new AlertEvent(AlertEventKind.Firing, Alert())]);

        Assert.Empty(runtime);
    }

    private static (AlertmanagerSink Sink, AlertmanagerQueue Queue) Alertmanager()
    {
        var options = Options.Create(new AlertOptions
        {
            Alertmanager = { Url = new Uri("http://127.0.0.1:9093"), ResendIntervalSeconds = 60 },
        });
        var queue = new AlertmanagerQueue(options, NullLogger<AlertmanagerQueue>.Instance);
        return (new AlertmanagerSink(queue, options), queue);
    }

    private static List<AlertmanagerAlert> Drain(AlertmanagerQueue queue)
    {
        List<AlertmanagerAlert> all = [];
        while (queue.Reader.TryRead(out var item))
        {
            all.Add(item);
        }

        return all;
    }

    [Fact]
    public void AlertmanagerSink_Firing_LabelsAnnotationsAndEndsAtFourResendsAhead()
    {
        var (sink, queue) = Alertmanager();

        sink.Deliver(new AlertEvent(AlertEventKind.Firing, Alert()));

        var sent = Assert.Single(Drain(queue));
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["alertname"] = "McpServerHighCpu",
                ["server_id"] = "fs",
                ["severity"] = "warning",
                ["alert_type"] = "high_cpu",
                ["source"] = "mcp-otel-agent",
            },
            sent.Labels);
        Assert.Equal("high_cpu on fs: cpu_percent 91.5 is above 80", sent.Annotations["summary"]);
        Assert.Equal("cpu_percent 91.5 is above 80", sent.Annotations["description"]);
        Assert.Equal((Now.AddMinutes(-1), Now.AddMinutes(4)), (sent.StartsAt, sent.EndsAt!.Value));
    }

    [Fact]
    public void AlertmanagerSink_SeverityChanged_OldLabelSetEndsNewOneFires()
    {
        var (sink, queue) = Alertmanager();

        sink.Deliver(new AlertEvent(AlertEventKind.SeverityChanged, Alert(Severity.Critical), Severity.Warning));

        var sent = Drain(queue);
        Assert.Equal(["warning", "critical"], sent.Select(a => a.Labels["severity"]));
        Assert.Equal([Now, Now.AddMinutes(4)], sent.Select(a => a.EndsAt!.Value));
    }

    [Fact]
    public void AlertmanagerSink_Resolved_EndsAtResolveTime()
    {
        var (sink, queue) = Alertmanager();

        sink.Deliver(new AlertEvent(AlertEventKind.Resolved, Alert(state: AlertState.Resolved)));

        Assert.Equal(Now, Assert.Single(Drain(queue)).EndsAt);
    }

    [Fact]
    public void AlertmanagerSink_NoUrl_QueuesNothing()
    {
        var options = Options.Create(new AlertOptions());
        var queue = new AlertmanagerQueue(options, NullLogger<AlertmanagerQueue>.Instance);

        new AlertmanagerSink(queue, options).Deliver(new AlertEvent(AlertEventKind.Firing, Alert()));

        Assert.Empty(Drain(queue));
    }

    [Fact]
    public void AlertmanagerQueue_Full_OldestDroppedAndLogged()
    {
        var options = Options.Create(new AlertOptions { Alertmanager = { Url = new Uri("http://127.0.0.1:9093"), QueueCapacity = 2 } });
        var logger = new RecordingLogger<AlertmanagerQueue>();
        var queue = new AlertmanagerQueue(options, logger);

        for (var i = 0; i < 3; i++)
        {
            queue.Enqueue(AlertmanagerAlert.From(Alert() with { ServerId = $"s{i}" }, Severity.Warning, Now));
        }

        Assert.Equal(["s1", "s2"], Drain(queue).Select(a => a.Labels["server_id"]));
        Assert.Equal(2032, Assert.Single(logger.Events).EventId.Id);
    }

    [Fact]
    public void AlertmanagerJson_Alert_PostableAlertShape()
    {
        var alert = AlertmanagerAlert.From(Alert(), Severity.Warning, Now);

        using var json = JsonDocument.Parse(JsonSerializer.Serialize([alert], AlertmanagerJsonContext.Default.ListAlertmanagerAlert));

        var element = json.RootElement[0];
        Assert.Equal(["labels", "annotations", "startsAt", "endsAt"], element.EnumerateObject().Select(p => p.Name));
        Assert.Equal("fs", element.GetProperty("labels").GetProperty("server_id").GetString());
        Assert.Equal(Now, element.GetProperty("endsAt").GetDateTimeOffset());
    }

    [Theory]
    [InlineData("high_cpu", "McpServerHighCpu")]
    [InlineData("process_down", "McpServerProcessDown")]
    [InlineData("crash_loop", "McpServerCrashLoop")]
    public void AlertName_AlertType_PrometheusStyleName(string type, string expected)
    {
        Assert.Equal(expected, AlertTypes.AlertName(type));
    }

    [Theory]
    [InlineData("http://127.0.0.1:9093", "http://127.0.0.1:9093/api/v2/alerts")]
    [InlineData("http://127.0.0.1:9093/am", "http://127.0.0.1:9093/am/api/v2/alerts")]
    [InlineData("http://127.0.0.1:9093/am/", "http://127.0.0.1:9093/am/api/v2/alerts")]
    public void AlertsEndpoint_BaseUrl_KeepsRoutePrefix(string baseUrl, string expected)
    {
        Assert.Equal(new Uri(expected), AlertmanagerClient.AlertsEndpoint(new Uri(baseUrl)));
    }
}
