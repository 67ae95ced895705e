using McpOtelAgent.Health;
using McpOtelAgent.Lifecycle;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace McpOtelAgent.Mcp;

internal static class McpServiceCollectionExtensions
{
    /// <summary>The MCP SDK's own meter: <c>mcp.client.operation.duration</c> and <c>mcp.client.session.duration</c> of the probes.</summary>
    public const string SdkMeterName = "Experimental.ModelContextProtocol";

    /// <summary>
    /// The SDK's instruments are exported as <c>mcp.probe.*</c> (<c>mcp.probe.client.operation.duration</c>). The agent's
    /// meter already has an <c>mcp.client.operation.duration</c> (traffic that <c>wrap</c> reports, with
    /// <c>server_id</c>); two families of one name from two scopes would give /metrics a second TYPE line for it, which
    /// Prometheus rejects.
    /// </summary>
    public static string ExportName(string sdkInstrumentName) =>
        "mcp.probe." + (sdkInstrumentName.StartsWith("mcp.", StringComparison.Ordinal) ? sdkInstrumentName[4..] : sdkInstrumentName);

    /// <summary>
    /// Declared MCP servers (<c>mcpServers</c> / <c>servers</c>, and <c>Agent:McpConfig</c>), validated at start-up;
    /// the supervisor of the stdio ones, started and stopped with the agent; the protocol probes; their instruments
    /// and the SDK's meter; the <c>crash_loop</c> and <c>probe_failed</c> health rules.
    /// </summary>
    public static IServiceCollection AddMcpServers(this IServiceCollection services)
    {
        services.AddOptions<McpServersOptions>()
            .Configure<IConfiguration>(static (options, configuration) => options.Config = McpServersOptions.Read(configuration))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<McpServersOptions>, McpServersOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<McpServerCatalog>();
        services.TryAddSingleton<McpInstruments>();
        services.AddHostedService<LifecycleService>();
        services.AddHostedService<McpProbeService>();
        services.AddHealthRule<CrashLoopRule>();
        services.AddHealthRule<ProbeFailedRule>();
        services.AddOpenTelemetry().WithMetrics(static metrics => metrics
            .AddMeter(SdkMeterName)
            .AddView(static instrument => instrument.Meter.Name == SdkMeterName
                ? new MetricStreamConfiguration { Name = ExportName(instrument.Name) }
                : null));
        return services;
    }
}
