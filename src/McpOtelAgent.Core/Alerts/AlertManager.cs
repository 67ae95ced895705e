using McpOtelAgent.Health;
using Microsoft.Extensions.Options;

namespace McpOtelAgent.Alerts;

/// <summary>
/// Turns health reports into alerts the way Prometheus alerting rules behave: an alert type's condition is pending
/// until it has held for its <c>for</c> duration, then fires; while firing its severity follows the worst issue of its
/// type (escalating and de-escalating); it resolves at the first check without the condition. At most one alert per
/// (server_id, type) is firing. Resolved alerts go to a bounded history. (Not to be confused with Prometheus'
/// Alertmanager, which receives these alerts through <see cref="AlertmanagerSink"/>.)
/// </summary>
internal sealed class AlertManager(IOptions<AlertOptions> options, AlertPipeline pipeline, TimeProvider timeProvider)
{
    private readonly AlertOptions _options = options.Value;
    private readonly Lock _gate = new();
    private readonly Dictionary<(string ServerId, string Type), DateTimeOffset> _pendingSince = [];
    private readonly Dictionary<(string ServerId, string Type), Alert> _firing = [];
    private readonly LinkedList<Alert> _resolved = [];
    private long _lastId;

    /// <summary>Applies one health check of one server at <see cref="HealthReport.LastCheck"/> and publishes what changed.</summary>
    public void Evaluate(HealthReport report)
    {
        if (!_options.Enabled)
        {
            return;
        }

        List<AlertEvent> events = [];
        var now = report.LastCheck;
        lock (_gate)
        {
            var present = new HashSet<string>(StringComparer.Ordinal);
            foreach (var group in report.Issues.GroupBy(static i => i.AlertType, StringComparer.Ordinal))
            {
                present.Add(group.Key);
                var issues = group.ToList();
                var worst = issues.MaxBy(static i => i.Severity)!;
                var description = string.Join("; ", issues.Select(static i => i.Message));
                var key = (report.ServerId, group.Key);
                if (_firing.TryGetValue(key, out var active))
                {
                    var updated = active with
                    {
                        Severity = worst.Severity,
                        Rule = worst.Rule,
                        Value = worst.Value,
                        Threshold = worst.Threshold,
                        Summary = Summarize(report.ServerId, group.Key, worst),
                        Description = description,
                        UpdatedAt = now,
                    };
                    _firing[key] = updated;
                    if (updated.Severity != active.Severity)
                    {
                        events.Add(new AlertEvent(AlertEventKind.SeverityChanged, updated, active.Severity));
                    }

                    continue;
                }

                if (!_pendingSince.TryGetValue(key, out var since))
                {
                    since = now;
                    _pendingSince[key] = since;
                }

                if (now - since >= worst.For)
                {
                    _pendingSince.Remove(key);
                    var alert = new Alert(
                        ++_lastId, report.ServerId, group.Key, worst.Severity, AlertState.Firing, worst.Rule, worst.Value, worst.Threshold,
                        Summarize(report.ServerId, group.Key, worst), description, since, now, now, null);
                    _firing[key] = alert;
                    events.Add(new AlertEvent(AlertEventKind.Firing, alert));
                }
            }

            foreach (var key in _pendingSince.Keys.Where(k => k.ServerId == report.ServerId && !present.Contains(k.Type)).ToList())
            {
                _pendingSince.Remove(key);
            }

            ResolveLocked(k => k.ServerId == report.ServerId && !present.Contains(k.Type), now, events);
        }

        pipeline.Publish(events);
    }

    /// <summary>Resolves every alert of a server that is no longer monitored and forgets its pending conditions.</summary>
    public void RemoveServer(string serverId)
    {
        List<AlertEvent> events = [];
        lock (_gate)
        {
            foreach (var key in _pendingSince.Keys.Where(k => k.ServerId == serverId).ToList())
            {
                _pendingSince.Remove(key);
            }

            ResolveLocked(k => k.ServerId == serverId, timeProvider.GetUtcNow(), events);
        }

        pipeline.Publish(events);
    }

    /// <summary>
    /// The seed's <c>clear_alerts</c>: resolves the firing alerts of one server (or all) and forgets their history.
    /// A condition that still holds becomes pending again and fires after its <c>for</c> duration. Returns how many
    /// alerts were removed.
    /// </summary>
    public int Clear(string? serverId = null)
    {
        List<AlertEvent> events = [];
        int count;
        lock (_gate)
        {
            bool Matches(string id) => serverId is null || id == serverId;
            foreach (var key in _pendingSince.Keys.Where(k => Matches(k.ServerId)).ToList())
            {
                _pendingSince.Remove(key);
            }

            ResolveLocked(k => Matches(k.ServerId), timeProvider.GetUtcNow(), events);
            count = 0;
            for (var node = _resolved.First; node is not null;)
            {
                var next = node.Next;
                if (Matches(node.Value.ServerId))
                {
                    _resolved.Remove(node);
                    count++;
                }

                node = next;
            }
        }

        pipeline.Publish(events);
        return count;
    }

    /// <summary>Firing alerts (oldest first), then resolved ones (newest first), filtered by server and state.</summary>
    public IReadOnlyList<Alert> GetAlerts(string? serverId = null, AlertState? state = null)
    {
        lock (_gate)
        {
            IEnumerable<Alert> firing = state is null or AlertState.Firing
                ? _firing.Values.OrderBy(static a => a.StartsAt).ThenBy(static a => a.Id)
                : [];
            IEnumerable<Alert> resolved = state is null or AlertState.Resolved ? _resolved : [];
            return [.. firing.Concat(resolved).Where(a => serverId is null || a.ServerId == serverId)];
        }
    }

    private void ResolveLocked(Func<(string ServerId, string Type), bool> which, DateTimeOffset now, List<AlertEvent> events)
    {
        foreach (var key in _firing.Keys.Where(which).ToList())
        {
            var resolved = _firing[key] with { State = AlertState.Resolved, UpdatedAt = now, EndsAt = now };
            _firing.Remove(key);
            _resolved.AddFirst(resolved);
            while (_resolved.Count > _options.HistorySize)
            {
                _resolved.RemoveLast();
            }

            events.Add(new AlertEvent(AlertEventKind.Resolved, resolved));
        }
    }

    private static string Summarize(string serverId, string type, HealthIssue worst) => $"{type} on {serverId}: {worst.Message}";
}
