using McpOtelAgent.Hosting;

namespace McpOtelAgent.Api;

/// <summary>
/// The REST API under <c>/api/v1</c> and its OpenAPI document (<c>/api/v1/openapi.json</c>). Other areas add their
/// endpoints as a <c>Map&lt;Area&gt;Endpoints(this RouteGroupBuilder)</c> in their own file here and one call in
/// <see cref="MapAgentApi"/>; mutating routes use <c>RequireApiKey()</c>.
/// </summary>
internal static class ApiEndpoints
{
    public const string Prefix = "/api/v1";

    public static IServiceCollection AddAgentApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, AgentJsonContext.Default));
        services.AddProblemDetails();
        services.AddOpenApi("v1", options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = OpenTelemetryHostingExtensions.ServiceName;
            document.Info.Version = Telemetry.AgentMeter.Version;
            return Task.CompletedTask;
        }));
        return services;
    }

    /// <summary>Error responses (bad bodies, unknown routes, exceptions) as problem+json.</summary>
    public static WebApplication UseAgentApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    public static WebApplication MapAgentApi(this WebApplication app)
    {
        app.MapOpenApi(Prefix + "/openapi.json");
        var api = app.MapGroup(Prefix);
        api.MapServerEndpoints();
        api.MapHealthEndpoints();
        api.MapAlertsEndpoints();
        api.MapThresholdsEndpoints();
        api.MapLifecycleEndpoints();
        api.MapDiscoveryEndpoints();
        api.MapWrapEndpoints();
        return app;
    }
}
