using McpOtelAgent.Targets;
using Microsoft.Extensions.Options;

namespace McpOtelAgent.Health;

/// <summary>
/// The threshold settings in force: built-in defaults, global settings and per-server overrides, seeded from
/// <c>Agent:Health</c> and changed at run time through the API (the seed's <c>set_alert_threshold</c>). Health checks
/// read effective values while the API writes, so every access takes the lock; reads are a few dictionary look-ups.
/// A server that stops being monitored loses its run-time overrides (its id may come back as another process: a
/// discovered id holds a pid, a wrapper's id follows whatever the client starts next); what the configuration
/// declares for it stays.
/// </summary>
internal sealed class ThresholdStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ThresholdOptions> _global = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, ThresholdOptions>> _servers = new(StringComparer.Ordinal);

    /// <summary>The per-server overrides of <c>Agent:Health:Servers</c>, what a removed server falls back to.</summary>
    private readonly Dictionary<string, Dictionary<string, ThresholdOptions>> _configured = new(StringComparer.Ordinal);
    private readonly TimeSpan _defaultFor;
    private readonly TargetRegistry? _targets;

    /// <param name="options">The <c>Agent:Health</c> settings.</param>
    /// <param name="targets">The registry whose removals drop run-time overrides; none when only resolving values (rules).</param>
    public ThresholdStore(IOptions<HealthOptions> options, TargetRegistry? targets = null)
    {
        var value = options.Value;
        _defaultFor = value.EffectiveDefaultFor;
        foreach (var (name, setting) in value.Thresholds)
        {
            _global[Canonical(name)] = setting.Clone();
        }

        foreach (var (serverId, server) in value.Servers)
        {
            var configured = new Dictionary<string, ThresholdOptions>(StringComparer.Ordinal);
            foreach (var (name, setting) in server.Thresholds)
            {
                configured[Canonical(name)] = setting.Clone();
            }

            _configured[serverId] = configured;
            _servers[serverId] = Copy(configured);
        }

        _targets = targets;
        if (targets is not null)
        {
            targets.Removed += OnTargetRemoved;
        }
    }

    /// <summary>Every threshold's effective value for a server (null: the global values), in definition order.</summary>
    public IReadOnlyList<Threshold> GetAll(string? serverId = null)
    {
        lock (_gate)
        {
            return [.. ThresholdDefinition.All.Select(d => ResolveLocked(d, serverId))];
        }
    }

    public Threshold Get(string name, string? serverId = null)
    {
        var definition = ThresholdDefinition.Find(name) ?? throw new ArgumentException($"Unknown threshold '{name}'", nameof(name));
        lock (_gate)
        {
            return ResolveLocked(definition, serverId);
        }
    }

    /// <summary>The servers with at least one override of their own (from the config or the API).</summary>
    public IReadOnlyList<string> ServersWithOverrides()
    {
        lock (_gate)
        {
            return [.. _servers.Where(static s => s.Value.Count > 0).Select(static s => s.Key).Order(StringComparer.Ordinal)];
        }
    }

    /// <summary>
    /// Replaces the global setting of a threshold (unset fields fall back to the defaults). Returns the problems, each
    /// as (field, message), and changes nothing when there are any.
    /// </summary>
    public IReadOnlyList<(string Field, string Message)> SetGlobal(string name, ThresholdOptions setting) =>
        Set(name, setting, serverId: null);

    /// <summary>Replaces one server's override of a threshold (unset fields inherit the global setting).</summary>
    public IReadOnlyList<(string Field, string Message)> SetForServer(string serverId, string name, ThresholdOptions setting) =>
        Set(name, setting, serverId);

    /// <summary>Drops the run-time overrides of a server that left monitoring, back to what the configuration declares.</summary>
    public void OnTargetRemoved(string serverId)
    {
        lock (_gate)
        {
            DropRuntimeOverridesLocked(serverId);
        }
    }

    /// <summary>
    /// The effective threshold from a global setting and a server override. The critical level comes from the most
    /// specific level that sets either level: a server that raises only its warning gets the step above that warning,
    /// not the global critical level below it.
    /// </summary>
    public static Threshold Resolve(ThresholdDefinition definition, ThresholdOptions? global, ThresholdOptions? server, TimeSpan defaultFor)
    {
        var globalWarning = global?.Warning ?? definition.DefaultWarning;
        var globalCritical = global?.Critical ?? definition.CriticalStep.Apply(globalWarning);
        var warning = server?.Warning ?? globalWarning;
        var critical = server?.Critical ?? (server?.Warning is not null ? definition.CriticalStep.Apply(warning) : globalCritical);
        return new Threshold(definition.Name, warning, critical, server?.For ?? global?.For ?? defaultFor);
    }

    private IReadOnlyList<(string Field, string Message)> Set(string name, ThresholdOptions setting, string? serverId)
    {
        var definition = ThresholdDefinition.Find(name) ?? throw new ArgumentException($"Unknown threshold '{name}'", nameof(name));
        List<(string, string)> problems = [.. ThresholdValidation.Check(setting)];
        if (problems.Count > 0)
        {
            return problems;
        }

        lock (_gate)
        {
            _global.TryGetValue(definition.Name, out var global);
            var candidate = serverId is null
                ? Resolve(definition, setting, null, _defaultFor)
                : Resolve(definition, global, setting, _defaultFor);
            problems.AddRange(ThresholdValidation.CheckEffective(candidate));
            if (problems.Count > 0)
            {
                return problems;
            }

            var target = serverId is null ? _global : ServerOverrides(serverId);
            if (setting.IsEmpty)
            {
                target.Remove(definition.Name);
            }
            else
            {
                target[definition.Name] = setting.Clone();
            }

            // The server may have left between the caller's check and here, its removal handled before this write:
            // looked at after the write, a removal either came first (seen here) or waits for this lock (and drops it).
            if (serverId is not null && _targets is not null && !_targets.Contains(serverId))
            {
                DropRuntimeOverridesLocked(serverId);
            }

            return problems;
        }
    }

    private void DropRuntimeOverridesLocked(string serverId)
    {
        if (_configured.TryGetValue(serverId, out var configured))
        {
            _servers[serverId] = Copy(configured);
        }
        else
        {
            _servers.Remove(serverId);
        }
    }

    private Threshold ResolveLocked(ThresholdDefinition definition, string? serverId)
    {
        _global.TryGetValue(definition.Name, out var global);
        ThresholdOptions? server = null;
        if (serverId is not null && _servers.TryGetValue(serverId, out var overrides))
        {
            overrides.TryGetValue(definition.Name, out server);
        }

        var resolved = Resolve(definition, global, server, _defaultFor);

        // A global change can leave an older server override with its critical level below the new warning level;
        // treat it as critical from the warning level up rather than never warning.
        return resolved.Critical < resolved.Warning ? resolved with { Critical = resolved.Warning } : resolved;
    }

    private Dictionary<string, ThresholdOptions> ServerOverrides(string serverId)
    {
        if (!_servers.TryGetValue(serverId, out var overrides))
        {
            overrides = new Dictionary<string, ThresholdOptions>(StringComparer.Ordinal);
            _servers[serverId] = overrides;
        }

        return overrides;
    }

    private static Dictionary<string, ThresholdOptions> Copy(Dictionary<string, ThresholdOptions> overrides) =>
        overrides.ToDictionary(static pair => pair.Key, static pair => pair.Value.Clone(), StringComparer.Ordinal);

    private static string Canonical(string name) => ThresholdDefinition.Find(name)?.Name ?? name;
}
