using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace McpOtelAgent.Wrapping;

/// <summary>Registers what the agent needs to receive wrapper reports.</summary>
internal static class WrapServiceCollectionExtensions
{
    /// <summary>
    /// The wrapper instruments on the agent's meter (created once), and the report's JSON contract for minimal APIs.
    /// </summary>
    public static IServiceCollection AddWrapping(this IServiceCollection services, Func<IServiceProvider, Meter> meter)
    {
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, WrapJsonContext.Default));
        services.TryAddSingleton(provider => new WrapMetrics(meter(provider)));
        return services;
    }
}
