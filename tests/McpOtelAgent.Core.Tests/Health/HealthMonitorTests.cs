using McpOtelAgent.Alerts;
using McpOtelAgent.Health;
using McpOtelAgent.Sampling;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace McpOtelAgent.Core.Tests.Health;

public sealed class HealthMonitorTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new(Samples.Start);
    private readonly SampleStore _samples = new(120);
    private readonly HealthReportStore _reports = new();
    private readonly List<AlertEvent> _events = [];
    private readonly AlertManager _alerts;
    private readonly HealthMonitor _monitor;

    public HealthMonitorTests()
    {
        var options = Options.Create(Samples.Options(o =>
        {
            o.CheckInterval = Interval;
            o.Servers["busy"] = new ServerHealthOptions { Thresholds = { [ThresholdNames.CpuPercent] = new ThresholdOptions { Warning = 20 } } };
        }));
        var rules = ThresholdDefinition.All.Select(d => (IHealthRule)new ThresholdRule(d)).Append(new ProcessDownRule(Samples.Registry()));
        var pipeline = new AlertPipeline([new CallbackAlertSink(e => { lock (_events) { _events.Add(e); } })], NullLogger<AlertPipeline>.Instance);
        _alerts = new AlertManager(Options.Create(new AlertOptions()), pipeline, _time);
        _monitor = new HealthMonitor(
            _samples, new HealthEvaluator(rules, NullLogger<HealthEvaluator>.Instance), new ThresholdStore(options), _reports, _alerts, options,
            _time, NullLogger<HealthMonitor>.Instance);
    }

    public void Dispose() => _monitor.Dispose();

    private void Publish(TargetSample sample) => _samples.Publish(sample with { Timestamp = _time.GetUtcNow() });

    [Fact]
    public void CheckAll_CpuOverThresholdForTwoIntervals_HighCpuFiresAtThirdCheckWithReport()
    {
        for (var check = 1; check <= 3; check++)
        {
            Publish(Samples.Up(cpuPercent: 90));
            _monitor.CheckAll();
            Assert.Equal(check == 3, _events.Count == 1);
            _time.Advance(Interval);
        }

        Assert.True(_reports.TryGet("fs", out var report));
        Assert.Equal(HealthStatus.Warning, report.Status);
        Assert.Equal(Samples.Start + (2 * Interval), report.LastCheck);
        Assert.Equal(AlertTypes.HighCpu, Assert.Single(_events).Alert.Type);
    }

    [Fact]
    public void CheckAll_PerServerOverride_OnlyThatServerHasIssue()
    {
        Publish(Samples.Up("busy", cpuPercent: 30));
        Publish(Samples.Up("idle", cpuPercent: 30));

        _monitor.CheckAll();

        Assert.True(_reports.TryGet("busy", out var busy));
        Assert.True(_reports.TryGet("idle", out var idle));
        Assert.Equal(20, Assert.Single(busy.Issues).Threshold);
        Assert.Empty(idle.Issues);
    }

    [Fact]
    public void CheckAll_ServerDownThenRemoved_ProcessDownFiresThenResolvesAndReportDropped()
    {
        for (var check = 0; check < 3; check++)
        {
            Publish(Samples.Down());
            _monitor.CheckAll();
            _time.Advance(Interval);
        }

        _samples.Remove("fs");
        _monitor.CheckAll();

        Assert.Equal([AlertEventKind.Firing, AlertEventKind.Resolved], _events.Select(e => e.Kind));
        Assert.Equal((AlertTypes.ProcessDown, Severity.Critical), (_events[0].Alert.Type, _events[0].Alert.Severity));
        Assert.False(_reports.TryGet("fs", out _));
    }

    [Fact]
    public async Task StartAsync_ClockAdvancesIntervals_ChecksOnEachTickAndFires()
    {
        Publish(Samples.Up(cpuPercent: 90));
        await _monitor.StartAsync(CancellationToken.None);

        // .NET 10 runs ExecuteAsync on the thread pool: the first check (at start) may come after StartAsync returns.
        await WaitUntil(() => _reports.TryGet("fs", out var r) && r.LastCheck == Samples.Start);
        _time.Advance(Interval);
        await WaitUntil(() => _reports.TryGet("fs", out var r) && r.LastCheck == Samples.Start + Interval);
        Assert.Empty(_events);
        _time.Advance(Interval);
        await WaitUntil(() => { lock (_events) { return _events.Count > 0; } });

        await _monitor.StopAsync(CancellationToken.None);
        Assert.Equal((AlertEventKind.Firing, Samples.Start + (2 * Interval)), (_events[0].Kind, _events[0].Alert.StartsAt));
    }

    /// <summary>The timer's continuation runs on the thread pool after <c>Advance</c>; wait for it, not for wall time.</summary>
    private static async Task WaitUntil(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
