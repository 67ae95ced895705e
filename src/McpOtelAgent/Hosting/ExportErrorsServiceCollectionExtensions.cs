using McpOtelAgent.Alerts;

namespace McpOtelAgent.Hosting;

internal static class ExportErrorsServiceCollectionExtensions
{
    /// <summary>Counts failed OTLP exports and Alertmanager pushes into <c>mcp.agent.export.errors</c>.</summary>
    public static IServiceCollection AddExportErrors(this IServiceCollection services)
    {
        services.AddSingleton<ExportErrors>();
        services.AddSingleton<OtlpExportErrorListener>();
        services.AddTransient<AlertmanagerErrorHandler>();
        // The typed client's name: the one AddHttpClient<AlertmanagerClient> registered.
        services.AddHttpClient(nameof(AlertmanagerClient)).AddHttpMessageHandler<AlertmanagerErrorHandler>();
        return services;
    }
}
