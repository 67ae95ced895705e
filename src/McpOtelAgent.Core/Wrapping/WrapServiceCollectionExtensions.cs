using McpOtelAgent.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace McpOtelAgent.Wrapping;

/// <summary>Registers what the agent needs to receive wrapper reports.</summary>
internal static class WrapServiceCollectionExtensions
{
    /// <summary>
    /// The wrapper instruments on the agent's meter (created once; the operation histograms are the agent's shared
    /// ones), and the report's JSON contract for minimal APIs.
    /// </summary>
    public static IServiceCollection AddWrapping(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, WrapJsonContext.Default));
        services.TryAddSingleton(static provider => new WrapMetrics(
            provider.GetRequiredService<AgentMeter>().Meter, provider.GetRequiredService<McpOperationDurations>()));
        return services;
    }
}
