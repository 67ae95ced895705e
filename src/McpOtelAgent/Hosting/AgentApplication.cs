using McpOtelAgent.Alerts;
using McpOtelAgent.Api;
using McpOtelAgent.Configuration;
using McpOtelAgent.Discovery;
using McpOtelAgent.Health;
using McpOtelAgent.Mcp;
using McpOtelAgent.Security;
using McpOtelAgent.Telemetry;
using McpOtelAgent.Wrapping;
using Microsoft.Extensions.Options;

namespace McpOtelAgent.Hosting;

/// <summary>Builds, checks and runs the agent's web host. Wiring only: every piece lives in its own AddXxx/MapXxx.</summary>
internal static class AgentApplication
{
    /// <summary>
    /// Kestrel's default (30 MB) is far more than any API body needs (a target, a threshold, a wrapper's traffic
    /// report); a smaller cap bounds what one request can make the agent buffer and parse.
    /// </summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    /// <summary>Builds the host; <paramref name="configureServices"/> lets tests swap a service (the probe, the clock).</summary>
    public static WebApplication Build(AgentLaunch launch, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = "mcp-otel-agent",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Services.AddSingleton(ConfigurationKeyTracker.Apply(builder.Configuration, launch));
        builder.WebHost.UseUrls([
            .. BindAddresses.Split(builder.Configuration["Agent:Urls"] ?? AgentOptions.DefaultUrls),
            .. BindAddresses.Split(builder.Configuration["Agent:MetricsUrls"]),
        ]);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);

        builder.Services.AddAgentCore(builder.Configuration);
        builder.Services.AddAlerts();
        builder.Services.AddHealth();
        builder.Services.AddMcpServers();
        builder.Services.AddDiscovery();
        builder.AddAgentOpenTelemetry();
        builder.Services.AddAgentApi();
        builder.Services.AddHealthApi();
        builder.Services.AddLifecycleApi();
        builder.Services.AddApiKeySecurity();
        builder.Services.AddWrapping();
        builder.Services.AddExportErrors();
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        // Instruments are created once, before the first collection; nothing else would ask for them.
        app.Services.GetRequiredService<ProcessInstruments>();
        app.Services.GetRequiredService<McpInstruments>();
        app.Services.GetRequiredService<McpSdkMetricsBridge>();
        app.Services.GetRequiredService<WrapMetrics>();
        if (OpenTelemetryHostingExtensions.OtlpEndpoint(app.Configuration) is not null)
        {
            // It subscribes to the SDK's verbose events, a few on every scrape: worth it only with an export to judge.
            app.Services.GetRequiredService<OtlpExportErrorListener>();
        }

        app.UseMetricsOnlyPorts();
        app.UseAgentApi();
        app.UseApiKeyAuthorization();
        app.MapPrometheusScrapingEndpoint();
        app.MapAgentApi();
        app.Lifetime.ApplicationStarted.Register(() => ReportStart(app));
        return app;
    }

    public static async Task<int> RunAsync(AgentLaunch launch, TextWriter errors, CancellationToken cancellationToken)
    {
        WebApplication app;
        try
        {
            app = Build(launch);
            Validate(app);
        }
        catch (Exception ex) when (ConfigurationProblems.From(ex) is { } problems)
        {
            ConfigurationProblems.Write(errors, problems);
            return ExitCodes.InvalidConfiguration;
        }

        await using (app)
        {
            await app.RunAsync(cancellationToken);
        }

        return ExitCodes.Ok;
    }

    public static int CheckConfiguration(AgentLaunch launch, TextWriter output, TextWriter errors)
    {
        try
        {
            using var app = Build(launch);
            Validate(app);
        }
        catch (Exception ex) when (ConfigurationProblems.From(ex) is { } problems)
        {
            ConfigurationProblems.Write(errors, problems);
            return ExitCodes.InvalidConfiguration;
        }

        output.WriteLine($"Configuration is valid ({launch.ConfigPath ?? "embedded defaults"}).");
        return ExitCodes.Ok;
    }

    /// <summary>Runs every options validator registered with ValidateOnStart (every area's), collecting every error.</summary>
    /// <remarks>Binding every area's options is what tells the settings they read from the unknown ones, reported with them.</remarks>
    public static void Validate(WebApplication app)
    {
        IReadOnlyList<string> problems = [];
        try
        {
            app.Services.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (Exception ex) when (ConfigurationProblems.From(ex) is { } found)
        {
            problems = found;
        }

        var unknown = app.Services.GetRequiredService<ConfigurationKeyTracker>().UnreadKeys()
            .Select(static key => $"{key} is not a known setting (misspelt, or in the wrong section?)");
        string[] all = [.. problems, .. unknown];
        if (all.Length > 0)
        {
            throw new OptionsValidationException(ConfigurationKeyTracker.Section, typeof(AgentOptions), all);
        }
    }

    private static void ReportStart(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("McpOtelAgent");
        var options = app.Services.GetRequiredService<IOptions<AgentOptions>>().Value;
        var targets = app.Services.GetRequiredService<Targets.TargetRegistry>();
        AgentLog.AgentStarted(logger, targets.Count, string.Join(", ", app.Urls));
        if (string.IsNullOrEmpty(options.ApiKey))
        {
            AgentLog.NoApiKey(logger);
        }

        if (OpenTelemetryHostingExtensions.OtlpEndpoint(app.Configuration) is { } otlp)
        {
            AgentLog.OtlpEnabled(logger, otlp);
        }

        if (!BindAddresses.AllLoopback(options.Urls))
        {
            AgentLog.NonLoopbackBind(logger, options.Urls);
        }
    }
}
