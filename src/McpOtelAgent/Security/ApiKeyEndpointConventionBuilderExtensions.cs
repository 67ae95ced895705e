using Microsoft.Net.Http.Headers;

namespace McpOtelAgent.Security;

internal static class ApiKeyEndpointConventionBuilderExtensions
{
    /// <summary>
    /// Requires <c>Authorization: Bearer &lt;API key&gt;</c> on an endpoint or a route group; anything else (no header, a
    /// wrong key, or no key configured at all) answers 401 problem+json before the handler runs.
    /// </summary>
    public static TBuilder RequireApiKey<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(static async (context, next) =>
        {
            var http = context.HttpContext;
            var verifier = http.RequestServices.GetRequiredService<ApiKeyVerifier>();
            if (verifier.Verify(http.Request.Headers.Authorization))
            {
                return await next(context);
            }

            http.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "API key required",
                detail: verifier.IsConfigured
                    ? "Send the agent's API key as 'Authorization: Bearer <key>'."
                    : "No API key is configured, so state-changing calls are refused. Set MCPOTEL_API_KEY or Agent:ApiKey.");
        });
}
