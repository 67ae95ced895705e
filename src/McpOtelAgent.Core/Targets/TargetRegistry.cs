using System.Collections.Concurrent;
using McpOtelAgent.Configuration;
using McpOtelAgent.Sampling;
using Microsoft.Extensions.Options;

namespace McpOtelAgent.Targets;

/// <summary>
/// Every target by <c>server_id</c>: the configured ones and the agent itself from start-up, plus whatever the API,
/// the supervisor of managed servers or discovery add at run time. The sampler reads <see cref="Snapshot"/> each
/// sweep; removing a target also forgets its samples, so its series vanish at the next collection, and raises
/// <see cref="Removed"/>.
/// </summary>
internal sealed class TargetRegistry
{
    private readonly ConcurrentDictionary<string, TargetDefinition> _targets = new(StringComparer.Ordinal);
    private readonly SampleStore _store;
    private readonly int _maxTargets;
    private readonly Lock _gate = new();

    /// <summary>Discovered targets detached through the API, so auto-attach does not bring them back.</summary>
    private readonly ConcurrentDictionary<string, byte> _detached = new(StringComparer.Ordinal);

    public TargetRegistry(IOptions<AgentOptions> options, SampleStore store)
    {
        var agent = options.Value;
        _store = store;
        _maxTargets = agent.MaxTargets;
        if (agent.SelfMonitoring.Enabled)
        {
            Add(new TargetDefinition(agent.SelfMonitoring.ServerId, new SelfRootSource(), IncludeChildren: false, TargetOrigin.Self));
        }

        foreach (var (id, target) in agent.Servers)
        {
            Add(TargetSpec.ToDefinition(id, target, TargetOrigin.Config));
        }
    }

    /// <summary>
    /// A target left (detached through the API or by its wrapper, a discovered process gone), so what other areas keep
    /// under its <c>server_id</c> can go with it. Raised under the registry's lock: handlers stay short and never call
    /// back into the registry.
    /// </summary>
    public event Action<string>? Removed;

    public int Count => _targets.Count;

    public int MaxTargets => _maxTargets;

    public TargetAddResult Add(TargetDefinition target)
    {
        lock (_gate)
        {
            if (_targets.ContainsKey(target.ServerId))
            {
                return TargetAddResult.Exists;
            }

            if (_targets.Count >= _maxTargets)
            {
                return TargetAddResult.Full;
            }

            _targets[target.ServerId] = target;
            return TargetAddResult.Added;
        }
    }

    public bool Remove(string serverId)
    {
        lock (_gate)
        {
            if (!_targets.TryRemove(serverId, out _))
            {
                return false;
            }

            _store.Remove(serverId);
            Removed?.Invoke(serverId);
            return true;
        }
    }

    /// <summary>
    /// Stops monitoring a target on request (<c>DELETE /api/v1/servers/{id}</c>): one attached through the API, or a
    /// discovered one, which is remembered so that discovery does not attach it again (<see cref="IsDetached"/>).
    /// </summary>
    public TargetDetachResult Detach(string serverId)
    {
        lock (_gate)
        {
            if (!_targets.TryGetValue(serverId, out var target))
            {
                return TargetDetachResult.NotFound;
            }

            if (target.Origin is not (TargetOrigin.Api or TargetOrigin.Discovered))
            {
                return TargetDetachResult.NotDetachable;
            }

            if (target.Origin == TargetOrigin.Discovered)
            {
                _detached.TryAdd(serverId, 0);
            }

            Remove(serverId);
            return TargetDetachResult.Detached;
        }
    }

    /// <summary>Whether a discovered target with this id was detached through the API (discovery ids hold the pid).</summary>
    public bool IsDetached(string serverId) => _detached.ContainsKey(serverId);

    public bool Contains(string serverId) => _targets.ContainsKey(serverId);

    public bool TryGet(string serverId, out TargetDefinition target) => _targets.TryGetValue(serverId, out target!);

    /// <summary>The targets now, ordered by id so sweeps, listings and exports come out in a stable order.</summary>
    public TargetDefinition[] Snapshot()
    {
        var targets = _targets.Values.ToArray();
        Array.Sort(targets, static (a, b) => string.CompareOrdinal(a.ServerId, b.ServerId));
        return targets;
    }
}
