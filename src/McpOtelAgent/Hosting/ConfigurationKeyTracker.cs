using System.Collections.Concurrent;
using McpOtelAgent.Configuration;
using Microsoft.Extensions.Primitives;

namespace McpOtelAgent.Hosting;

/// <summary>
/// Finds settings nothing reads: a misspelt key (<c>Agent:MonitoringInterval</c>) would otherwise be ignored in silence
/// and its default used. Every source is wrapped so each key asked of it is recorded; once every area's options are
/// bound (start-up validation binds them all), a key under <c>Agent</c> that holds a value and was never asked for is
/// unknown. Per-area binder settings (<c>ErrorOnUnknownConfiguration</c>) would need every area's cooperation and do
/// not name the full key.
/// </summary>
internal sealed class ConfigurationKeyTracker
{
    public const string Section = "Agent";

    private readonly ConcurrentDictionary<string, byte> _read = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<IConfigurationProvider> _providers = [];

    /// <summary>
    /// Puts the agent's configuration sources (<see cref="AgentConfiguration.Apply"/>) into <paramref name="configuration"/>,
    /// each wrapped. They are staged in a plain builder first, which loads nothing: the embedded defaults are a stream
    /// that can be read once.
    /// </summary>
    public static ConfigurationKeyTracker Apply(IConfigurationBuilder configuration, AgentLaunch launch)
    {
        var staging = new ConfigurationBuilder();
        AgentConfiguration.Apply(staging, launch.ConfigPath, launch.Settings, launch.Environment);
        var tracker = new ConfigurationKeyTracker();
        configuration.Sources.Clear();
        foreach (var source in staging.Sources)
        {
            configuration.Sources.Add(new TrackingSource(source, tracker));
        }

        return tracker;
    }

    /// <summary>Keys under <see cref="Section"/> with a value that nothing has read, in the order the sources hold them.</summary>
    public IReadOnlyList<string> UnreadKeys()
    {
        var unread = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        lock (_providers)
        {
            foreach (var provider in _providers)
            {
                Collect(((TrackingProvider)provider).Inner, Section, unread);
            }
        }

        return [.. unread];
    }

    private void Collect(IConfigurationProvider provider, string path, SortedSet<string> unread)
    {
        if (provider.TryGet(path, out var value) && !string.IsNullOrEmpty(value) && !_read.ContainsKey(path))
        {
            unread.Add(path);
        }

        foreach (var child in provider.GetChildKeys([], path).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            Collect(provider, ConfigurationPath.Combine(path, child), unread);
        }
    }

    private sealed class TrackingSource(IConfigurationSource inner, ConfigurationKeyTracker tracker) : IConfigurationSource
    {
        public IConfigurationProvider Build(IConfigurationBuilder builder)
        {
            var provider = new TrackingProvider(inner.Build(builder), tracker._read);
            lock (tracker._providers)
            {
                tracker._providers.Add(provider);
            }

            return provider;
        }
    }

    private sealed class TrackingProvider(IConfigurationProvider inner, ConcurrentDictionary<string, byte> read) : IConfigurationProvider
    {
        public IConfigurationProvider Inner => inner;

        public bool TryGet(string key, out string? value)
        {
            read.TryAdd(key, 0);
            return inner.TryGet(key, out value);
        }

        public void Set(string key, string? value) => inner.Set(key, value);

        public IChangeToken GetReloadToken() => inner.GetReloadToken();

        public void Load() => inner.Load();

        public IEnumerable<string> GetChildKeys(IEnumerable<string> earlierKeys, string? parentPath) => inner.GetChildKeys(earlierKeys, parentPath);
    }
}
