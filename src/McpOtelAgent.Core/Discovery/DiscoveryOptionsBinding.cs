using Microsoft.Extensions.Configuration;

namespace McpOtelAgent.Discovery;

/// <summary>Binds <c>Agent:Discovery</c> outside the host (the <c>discover</c> command), with the same source-generated binder.</summary>
internal static class DiscoveryOptionsBinding
{
    public static DiscoveryOptions From(IConfiguration configuration) =>
        configuration.GetSection(DiscoveryOptions.SectionName).Get<DiscoveryOptions>() ?? new DiscoveryOptions();
}
