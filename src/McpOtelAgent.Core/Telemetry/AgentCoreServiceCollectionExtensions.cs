using McpOtelAgent.Configuration;
using McpOtelAgent.Probes;
using McpOtelAgent.Sampling;
using McpOtelAgent.Targets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace McpOtelAgent.Telemetry;

internal static class AgentCoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the agent's core: options, the probe, targets, the sample store, the sampler and its background loop,
    /// the meter, the process instruments, and the MCP operation histograms that wrap reports and probes share. The
    /// exporters are the host's business.
    /// </summary>
    public static IServiceCollection AddAgentCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAgentOptions(configuration);
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(static sp => ProcessProbe.CreateForCurrentOs(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(static sp => new SampleStore(sp.GetRequiredService<IOptions<AgentOptions>>().Value.TrendWindowSize));
        services.TryAddSingleton<TargetRegistry>();
        services.TryAddSingleton<ProbeErrorCounts>();
        services.TryAddSingleton<TargetSampler>();
        services.TryAddSingleton<AgentMeter>();
        services.TryAddSingleton(static sp => new McpOperationDurations(sp.GetRequiredService<AgentMeter>().Meter));
        services.TryAddSingleton<ProcessInstruments>();
        services.AddHostedService<SamplingService>();
        return services;
    }
}
