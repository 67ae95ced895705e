using McpOtelAgent.Alerts;
using McpOtelAgent.Health;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace McpOtelAgent.Core.Tests.Alerts;

public class AlertManagerTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly List<AlertEvent> _events = [];
    private readonly AlertManager _manager;

    public AlertManagerTests() => _manager = Manager(new AlertOptions());

    private AlertManager Manager(AlertOptions options)
    {
        var pipeline = new AlertPipeline([new CallbackAlertSink(_events.Add)], NullLogger<AlertPipeline>.Instance);
        return new AlertManager(Options.Create(options), pipeline, _time);
    }

    private static HealthIssue Cpu(double value, Severity severity = Severity.Warning, TimeSpan? forDuration = null) =>
        new(ThresholdNames.CpuPercent, AlertTypes.HighCpu, severity, $"cpu_percent {value}", value, severity == Severity.Critical ? 95 : 80, forDuration ?? 2 * Interval);

    /// <summary>One health check now, then the clock moves on one interval.</summary>
    private void Check(AlertManager manager, string serverId, params HealthIssue[] issues)
    {
        manager.Evaluate(new HealthReport(serverId, HealthReport.StatusOf(issues), issues, [], _time.GetUtcNow()));
        _time.Advance(Interval);
    }

    private void Check(string serverId, params HealthIssue[] issues) => Check(_manager, serverId, issues);

    [Fact]
    public void Evaluate_ConditionHeldShorterThanFor_Pending()
    {
        Check("fs", Cpu(90));
        Check("fs", Cpu(90));

        Assert.Empty(_events);
        Assert.Empty(_manager.GetAlerts());
    }

    [Fact]
    public void Evaluate_ConditionHeldForItsForDuration_FiresOnceWithItsStartTimes()
    {
        var first = _time.GetUtcNow();
        Check("fs", Cpu(90));
        Check("fs", Cpu(91));
        Check("fs", Cpu(92));
        Check("fs", Cpu(93));

        var fired = Assert.Single(_events);
        Assert.Equal(AlertEventKind.Firing, fired.Kind);
        var alert = Assert.Single(_manager.GetAlerts());
        Assert.Equal(("fs", AlertTypes.HighCpu, Severity.Warning, AlertState.Firing), (alert.ServerId, alert.Type, alert.Severity, alert.State));
        Assert.Equal(first, alert.ActiveSince);
        Assert.Equal(first + (2 * Interval), alert.StartsAt);
        Assert.Equal(93, alert.Value);
        Assert.Equal(80, alert.Threshold);
    }

    [Fact]
    public void Evaluate_ZeroFor_FiresAtFirstCheck()
    {
        Check("fs", Cpu(90, forDuration: TimeSpan.Zero));

        Assert.Equal(AlertEventKind.Firing, Assert.Single(_events).Kind);
    }

    [Fact]
    public void Evaluate_ConditionGapWhilePending_ForRestarts()
    {
        Check("fs", Cpu(90));
        Check("fs", Cpu(90));
        Check("fs");
        Check("fs", Cpu(90));
        Check("fs", Cpu(90));

        Assert.Empty(_events);
    }

    [Fact]
    public void Evaluate_TwoIssuesOfOneTypeOnOneServer_OneAlertAtWorstSeverity()
    {
        var memoryMb = new HealthIssue(ThresholdNames.MemoryMb, AlertTypes.HighMemory, Severity.Warning, "mb", 1100, 1024, TimeSpan.Zero);
        var memoryPercent = new HealthIssue(ThresholdNames.MemoryPercent, AlertTypes.HighMemory, Severity.Critical, "pct", 97, 95, TimeSpan.Zero);

        Check("fs", memoryMb, memoryPercent);
        Check("fs", memoryMb, memoryPercent);

        var alert = Assert.Single(_manager.GetAlerts());
        Assert.Equal((Severity.Critical, ThresholdNames.MemoryPercent, "mb; pct"), (alert.Severity, alert.Rule, alert.Description));
        Assert.Single(_events);
    }

    [Fact]
    public void Evaluate_SameTypeOnTwoServers_OneAlertEach()
    {
        Check("fs", Cpu(90, forDuration: TimeSpan.Zero));
        Check("memory", Cpu(90, forDuration: TimeSpan.Zero));

        Assert.Equal(["fs", "memory"], _manager.GetAlerts().Select(a => a.ServerId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Evaluate_SeverityRisesAndFallsWhileFiring_EscalatesAndDeEscalatesSameAlert()
    {
        Check("fs", Cpu(90, forDuration: TimeSpan.Zero));
        Check("fs", Cpu(99, Severity.Critical, TimeSpan.Zero));
        Check("fs", Cpu(85, forDuration: TimeSpan.Zero));

        Assert.Equal([AlertEventKind.Firing, AlertEventKind.SeverityChanged, AlertEventKind.SeverityChanged], _events.Select(e => e.Kind));
        Assert.Equal((Severity.Warning, Severity.Critical), (_events[1].PreviousSeverity!.Value, _events[1].Alert.Severity));
        Assert.Equal((Severity.Critical, Severity.Warning), (_events[2].PreviousSeverity!.Value, _events[2].Alert.Severity));
        Assert.Single(_events.Select(e => e.Alert.Id).Distinct());
    }

    [Fact]
    public void Evaluate_ConditionClears_ResolvedEventAndAlertInHistory()
    {
        Check("fs", Cpu(90, forDuration: TimeSpan.Zero));
        var clearedAt = _time.GetUtcNow();
        Check("fs");

        var resolved = _events[^1];
        Assert.Equal(AlertEventKind.Resolved, resolved.Kind);
        Assert.Equal((AlertState.Resolved, clearedAt), (resolved.Alert.State, resolved.Alert.EndsAt!.Value));
        Assert.Empty(_manager.GetAlerts(state: AlertState.Firing));
        Assert.Equal(resolved.Alert, Assert.Single(_manager.GetAlerts(state: AlertState.Resolved)));
    }

    [Fact]
    public void Evaluate_ConditionReturnsAfterResolve_NewAlert()
    {
        Check("fs", Cpu(90, forDuration: TimeSpan.Zero));
        Check("fs");
        Check("fs", Cpu(90, forDuration: TimeSpan.Zero));

        var alerts = _manager.GetAlerts();
        Assert.Equal([AlertState.Firing, AlertState.Resolved], alerts.Select(a => a.State));
        Assert.NotEqual(alerts[0].Id, alerts[1].Id);
    }

    [Fact]
    public void Evaluate_MoreResolvedThanHistorySize_OldestDropped()
    {
        var manager = Manager(new AlertOptions { HistorySize = 2 });
        for (var i = 0; i < 3; i++)
        {
            Check(manager, "fs", Cpu(90 + i, forDuration: TimeSpan.Zero));
            Check(manager, "fs");
        }

        Assert.Equal([92.0, 91.0], manager.GetAlerts(state: AlertState.Resolved).Select(a => a.Value!.Value));
    }

    [Fact]
    public void Evaluate_AlertsDisabled_NothingFires()
    {
        var manager = Manager(new AlertOptions { Enabled = false });

        Check(manager, "fs", Cpu(90, forDuration: TimeSpan.Zero));

        Assert.Empty(_events);
        Assert.Empty(manager.GetAlerts());
    }

    [Fact]
    public void RemoveServer_FiringAlerts_ResolvedOnlyForThatServer()
    {
        Check("fs", Cpu(90, forDuration: TimeSpan.Zero));
        Check("memory", Cpu(90, forDuration: TimeSpan.Zero));

        _manager.RemoveServer("fs");

        Assert.Equal("memory", Assert.Single(_manager.GetAlerts(state: AlertState.Firing)).ServerId);
        Assert.Equal(("fs", AlertEventKind.Resolved), (_events[^1].Alert.ServerId, _events[^1].Kind));
    }

    [Fact]
    public void Clear_OneServer_ResolvesItsFiringAndForgetsItsHistory()
    {
        Check("fs", Cpu(90, forDuration: TimeSpan.Zero));
        Check("fs");
        Check("fs", Cpu(90, forDuration: TimeSpan.Zero));
        Check("memory", Cpu(90, forDuration: TimeSpan.Zero));

        var cleared = _manager.Clear("fs");

        Assert.Equal(2, cleared);
        Assert.Equal("memory", Assert.Single(_manager.GetAlerts()).ServerId);
        Assert.Equal(AlertEventKind.Resolved, _events[^1].Kind);
    }

    [Fact]
    public void GetAlerts_FilteredByServer_OnlyThatServer()
    {
        Check("fs", Cpu(90, forDuration: TimeSpan.Zero));
        Check("memory", Cpu(90, forDuration: TimeSpan.Zero));

        Assert.Equal("memory", Assert.Single(_manager.GetAlerts("memory")).ServerId);
    }
}
