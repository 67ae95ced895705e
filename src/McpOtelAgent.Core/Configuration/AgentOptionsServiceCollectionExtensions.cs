using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace McpOtelAgent.Configuration;

internal static class AgentOptionsServiceCollectionExtensions
{
    /// <summary>Binds <c>Agent</c> to <see cref="AgentOptions"/>, validated at start-up (every error at once).</summary>
    public static IServiceCollection AddAgentOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AgentOptions>()
            .Bind(configuration.GetSection(AgentOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AgentOptions>, AgentOptionsValidator>());
        return services;
    }
}
