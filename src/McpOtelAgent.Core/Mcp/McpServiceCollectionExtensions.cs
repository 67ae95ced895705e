using McpOtelAgent.Health;
using McpOtelAgent.Lifecycle;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace McpOtelAgent.Mcp;

internal static class McpServiceCollectionExtensions
{
    /// <summary>
    /// Declared MCP servers (<c>mcpServers</c> / <c>servers</c>, and <c>Agent:McpConfig</c>), validated at start-up;
    /// the supervisor of the stdio ones, started and stopped with the agent; the protocol probes; their instruments,
    /// with the SDK's client measurements carried over under <c>server_id</c>; the <c>crash_loop</c> and
    /// <c>probe_failed</c> health rules.
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
        services.TryAddSingleton<McpSdkMetricsBridge>();
        services.AddHostedService<LifecycleService>();
        services.AddHostedService<McpProbeService>();
        services.AddHealthRule<CrashLoopRule>();
        services.AddHealthRule<ProbeFailedRule>();
        return services;
    }
}
