namespace McpOtelAgent.Security;

internal static class ApiKeyEndpointConventionBuilderExtensions
{
    /// <summary>
    /// Requires <c>Authorization: Bearer &lt;API key&gt;</c> on an endpoint or a route group; anything else (no header, a
    /// wrong key, or no key configured at all) answers 401 problem+json. The check is middleware
    /// (<see cref="ApiKeyMiddleware"/>), not an endpoint filter: filters run after the body is read and bound, so an
    /// unauthenticated caller could make the agent parse what it sends, and a bad body would answer 400 instead of 401.
    /// </summary>
    public static TBuilder RequireApiKey<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(ApiKeyRequiredMetadata.Instance);
}
