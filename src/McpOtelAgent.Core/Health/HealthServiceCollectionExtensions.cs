using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using McpOtelAgent.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace McpOtelAgent.Health;

internal static class HealthServiceCollectionExtensions
{
    /// <summary>
    /// Health checks with the built-in rules (every threshold, process state, down, memory leak, rising CPU, forecast),
    /// options bound to <c>Agent:Health</c> and validated at start, and the <see cref="HealthMonitor"/> loop. Needs the
    /// <c>SampleStore</c> and the alert services (<c>AddAlerts</c>).
    /// </summary>
    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddOptions<HealthOptions>()
            .BindConfiguration(HealthOptions.SectionName)
            .Configure<IConfiguration>(static (health, configuration) =>
            {
                // Read from the configuration, not IOptions<AgentOptions>: that would validate the agent's section here.
                var text = configuration[$"{AgentOptions.SectionName}:{nameof(AgentOptions.HealthCheckIntervalSeconds)}"];
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
                {
                    health.UseCheckIntervalSeconds(seconds);
                }
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HealthOptions>, HealthOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ThresholdStore>();
        services.TryAddSingleton<HealthEvaluator>();
        services.TryAddSingleton<HealthReportStore>();
        services.AddHostedService<HealthInstruments>();
        services.TryAddSingleton<HealthMonitor>();
        services.AddHostedService(static sp => sp.GetRequiredService<HealthMonitor>());

        foreach (var definition in ThresholdDefinition.All)
        {
            services.AddSingleton<IHealthRule>(new ThresholdRule(definition));
        }

        services.AddHealthRule<ProcessStateRule>();
        services.AddHealthRule<ProcessDownRule>();
        services.AddHealthRule<MemoryLeakRule>();
        services.AddHealthRule<CpuRisingRule>();
        services.AddHealthRule<ForecastRule>();
        return services;
    }

    /// <summary>Adds a rule that runs at every health check (how <c>crash_loop</c> and <c>probe_failed</c> plug in).</summary>
    public static IServiceCollection AddHealthRule<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TRule>(
        this IServiceCollection services)
        where TRule : class, IHealthRule
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHealthRule, TRule>());
        return services;
    }
}
