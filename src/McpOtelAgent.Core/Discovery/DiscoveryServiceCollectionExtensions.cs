using McpOtelAgent.Probes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace McpOtelAgent.Discovery;

internal static class DiscoveryServiceCollectionExtensions
{
    /// <summary>
    /// Discovery of MCP server processes (<c>Agent:Discovery</c>, validated at start-up), with its own probe, and the
    /// auto-attach loop when <c>AutoAttach</c> is on.
    /// </summary>
    public static IServiceCollection AddDiscovery(this IServiceCollection services)
    {
        services.AddOptions<DiscoveryOptions>().BindConfiguration(DiscoveryOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DiscoveryOptions>, DiscoveryOptionsValidator>());
        services.TryAddSingleton(static sp => new DiscoveryScanner(
            ProcessProbe.CreateForCurrentOs(sp.GetService<TimeProvider>(), keepFilesOpen: false),
            new McpProcessDetector(sp.GetRequiredService<IOptions<DiscoveryOptions>>().Value)));
        services.TryAddSingleton<DiscoveryService>();
        services.AddHostedService(static sp => sp.GetRequiredService<DiscoveryService>());
        return services;
    }
}
