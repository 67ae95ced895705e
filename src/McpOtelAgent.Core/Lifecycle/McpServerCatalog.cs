using McpOtelAgent.Mcp;
using McpOtelAgent.Redaction;
using McpOtelAgent.Targets;
using McpOtelAgent.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpOtelAgent.Lifecycle;

/// <summary>
/// Every declared MCP server: a <see cref="ManagedServer"/> for each stdio server (registered as a target of origin
/// managed, whose root is whatever process its supervisor runs), a target of origin remote for each url server (no
/// local process; listed, health-checked and alerted on from its probes), and a <see cref="McpServerMonitor"/> for
/// each server. Only the stdio ones can ever be launched: the API starts and stops them by id and never runs a
/// command it was sent.
/// </summary>
internal sealed class McpServerCatalog : IAsyncDisposable
{
    private readonly Dictionary<string, ManagedServer> _managed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, McpServerMonitor> _monitors = new(StringComparer.Ordinal);

    public McpServerCatalog(IOptions<McpServersOptions> options, TargetRegistry registry, TimeProvider time, ILoggerFactory loggerFactory)
    {
        var lifecycleLogger = loggerFactory.CreateLogger<ManagedServer>();
        var registryLogger = loggerFactory.CreateLogger<TargetRegistry>();
        foreach (var definition in options.Value.Servers)
        {
            ManagedServer? managed = null;
            TargetDefinition target;
            if (definition.Transport == McpTransportKind.Stdio)
            {
                managed = new ManagedServer(definition, time, lifecycleLogger, RedactLine);
                target = new TargetDefinition(definition.Id, new ManagedRootSource(managed), IncludeChildren: true, TargetOrigin.Managed);
                _managed[definition.Id] = managed;
            }
            else
            {
                target = new TargetDefinition(definition.Id, new RemoteRootSource(definition.Url!), IncludeChildren: false, TargetOrigin.Remote);
            }

            if (registry.Add(target) == TargetAddResult.Added)
            {
                AgentLog.TargetAdded(registryLogger, target.ServerId, target.Root.Description, target.Origin.ToString());
            }

            _monitors[definition.Id] = new McpServerMonitor(definition, managed, time, loggerFactory);
        }
    }

    public IReadOnlyCollection<ManagedServer> Managed => _managed.Values;

    public IReadOnlyCollection<McpServerMonitor> Monitors => _monitors.Values;

    public bool TryGetManaged(string serverId, out ManagedServer server) => _managed.TryGetValue(serverId, out server!);

    public bool TryGetMonitor(string serverId, out McpServerMonitor monitor) => _monitors.TryGetValue(serverId, out monitor!);

    /// <summary>Stops every managed server, all at once: each has its own stop sequence to run.</summary>
    public Task StopAllAsync() => Task.WhenAll(_managed.Values.Select(static s => s.StopAsync()));

    public async ValueTask DisposeAsync()
    {
        foreach (var monitor in _monitors.Values)
        {
            await monitor.DisposeAsync();
        }

        foreach (var server in _managed.Values)
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>A stderr line is free text: secret-named flags and assignments in it are hidden word by word.</summary>
    private static string RedactLine(string line) => SecretRedactor.RedactCommandLine(line.Split(' '));
}
