using Microsoft.Net.Http.Headers;

namespace McpOtelAgent.Security;

/// <summary>Answers 401 for an endpoint marked <see cref="ApiKeyRequiredMetadata"/> unless the request carries the API key.</summary>
internal static class ApiKeyMiddleware
{
    /// <summary>Runs after routing (which <see cref="WebApplication"/> puts first), before the endpoint binds its input.</summary>
    public static WebApplication UseApiKeyAuthorization(this WebApplication app)
    {
        app.Use(static async (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<ApiKeyRequiredMetadata>() is null)
            {
                await next(context);
                return;
            }

            var verifier = context.RequestServices.GetRequiredService<ApiKeyVerifier>();
            if (verifier.Verify(context.Request.Headers.Authorization))
            {
                await next(context);
                return;
            }

            context.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
            await TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "API key required",
                detail: verifier.IsConfigured
                    ? "Send the agent's API key as 'Authorization: Bearer <key>'."
                    : "No API key is configured, so state-changing calls are refused. Set MCPOTEL_API_KEY or Agent:ApiKey.")
                .ExecuteAsync(context);
        });
        return app;
    }
}
