using McpOtelAgent.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace McpOtelAgent.Alerts;

internal static class AlertServiceCollectionExtensions
{
    /// <summary>
    /// Alerts from health reports, delivered to structured logs, registered <see cref="IAlertSink"/>s and (when
    /// <c>Agent:Alerts:Alertmanager:Url</c> is set) Alertmanager. Options bound to <c>Agent:Alerts</c>, validated at start.
    /// </summary>
    public static IServiceCollection AddAlerts(this IServiceCollection services)
    {
        services.AddOptions<AlertOptions>().BindConfiguration(AlertOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AlertOptions>, AlertOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<AgentMeter>();
        services.TryAddSingleton<AlertPipeline>();
        services.TryAddSingleton<AlertManager>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertSink, LogAlertSink>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertSink, AlertEventCounter>());

        services.TryAddSingleton<AlertmanagerQueue>();
        services.TryAddSingleton<AlertmanagerSink>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertSink, AlertmanagerSink>(static sp => sp.GetRequiredService<AlertmanagerSink>()));
        services.AddHttpClient<AlertmanagerClient>((sp, http) =>
            http.Timeout = sp.GetRequiredService<IOptions<AlertOptions>>().Value.Alertmanager.Timeout);
        services.AddHostedService<AlertmanagerForwarder>();
        return services;
    }

    /// <summary>The seed's <c>add_alert_callback</c>: calls <paramref name="callback"/> with every alert event. It must not block.</summary>
    public static IServiceCollection AddAlertCallback(this IServiceCollection services, Action<AlertEvent> callback) =>
        services.AddSingleton<IAlertSink>(new CallbackAlertSink(callback));
}
