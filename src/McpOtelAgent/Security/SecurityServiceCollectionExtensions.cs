namespace McpOtelAgent.Security;

internal static class SecurityServiceCollectionExtensions
{
    public static IServiceCollection AddApiKeySecurity(this IServiceCollection services) =>
        services.AddSingleton<ApiKeyVerifier>();
}
