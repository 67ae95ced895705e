using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using McpOtelAgent.Configuration;
using McpOtelAgent.Telemetry;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace McpOtelAgent.Hosting;

internal static class OpenTelemetryHostingExtensions
{
    public const string ServiceName = "mcp-otel-agent";

    /// <summary>The .NET runtime's own meter, which <c>AddRuntimeInstrumentation()</c> subscribes to.</summary>
    private const string RuntimeMeterName = "System.Runtime";

    /// <summary>
    /// The agent's meter and the .NET runtime's on a MeterProvider with the Prometheus exporter (served at
    /// <c>/metrics</c>), and OTLP export of metrics and logs when <c>Agent:Otlp:Endpoint</c> or
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. Other areas add their meters with another
    /// <c>services.AddOpenTelemetry().WithMetrics(m =&gt; m.AddMeter(...))</c>; the builders merge.
    /// </summary>
    public static WebApplicationBuilder AddAgentOpenTelemetry(this WebApplicationBuilder builder)
    {
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource
                .AddService(ServiceName, serviceVersion: AgentMeter.Version, serviceInstanceId: Guid.NewGuid().ToString())
                .AddAttributes([new KeyValuePair<string, object>("host.name", Environment.MachineName)]))
            .WithMetrics(metrics => metrics
                .AddMeter(AgentMeter.Name)
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter(static prometheus =>
                {
                    // otel_scope_name, _version and _schema_url on every series: three labels that say nothing
                    // the metric name does not (one meter per name here) yet made up two thirds of the serialising
                    // time of a scrape at 1,000 servers, and sit in Prometheus's index once per series.
                    prometheus.ScopeInfoEnabled = false;
                }));
        builder.Services.ConfigureOpenTelemetryMeterProvider((services, meterProvider) =>
        {
            var ownFactory = services.GetRequiredService<IMeterFactory>();
            var limit = new MetricStreamConfiguration { CardinalityLimit = services.GetRequiredService<AgentMeter>().CardinalityLimit };
            var selfMonitored = services.GetRequiredService<IOptions<AgentOptions>>().Value.SelfMonitoring.Enabled;
            meterProvider.AddView(instrument => instrument.Meter switch
            {
                // A MeterProvider subscribes by name to every Meter in the process: a second host in the same
                // process (tests) would otherwise mix its series into ours and, when it stops, drop our streams.
                { Scope: IMeterFactory factory } when factory != ownFactory => MetricStreamConfiguration.Drop,
                { Name: AgentMeter.Name } => limit,
                { Name: RuntimeMeterName } when IsConstantWithoutJit(instrument.Name) => MetricStreamConfiguration.Drop,
                { Name: RuntimeMeterName } when selfMonitored && DuplicatesSelfTarget(instrument.Name) => MetricStreamConfiguration.Drop,
                _ => null,
            });
        });

        var endpoint = builder.Configuration["Agent:Otlp:Endpoint"];
        if (!string.IsNullOrEmpty(endpoint) && Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
        {
            var protocol = builder.Configuration["Agent:Otlp:Protocol"] == OtlpOptions.HttpProtobuf
                ? OtlpExportProtocol.HttpProtobuf
                : OtlpExportProtocol.Grpc;
            otel.UseOtlpExporter(protocol, uri);
        }
        else if (!string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            // Reads OTEL_EXPORTER_OTLP_ENDPOINT, _PROTOCOL, _HEADERS, OTEL_METRIC_EXPORT_INTERVAL... from the configuration.
            otel.UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>
    /// Runtime series that never change in a Native AOT build, where nothing is compiled or loaded at run time: the
    /// JIT's counts stay 0 and the assembly count is fixed at build time. Each metric family costs a scrape ~20 µs of
    /// CPU whatever its series (the callback, the SDK's snapshot, HELP and TYPE lines): these four were a tenth of a
    /// scrape at 10 servers.
    /// </summary>
    internal static bool IsConstantWithoutJit(string instrumentName) =>
        !RuntimeFeature.IsDynamicCodeCompiled
        && (instrumentName.StartsWith("dotnet.jit.", StringComparison.Ordinal) || instrumentName == "dotnet.assembly.count");

    /// <summary>
    /// Runtime series that repeat what the agent's own target (<c>Agent:SelfMonitoring</c>) reads from /proc every
    /// sample: <c>process_cpu_time_seconds_total</c> and <c>process_memory_usage_bytes</c> with the agent's
    /// <c>server_id</c>. The working set is also the dearest runtime callback: it parses /proc/self/status on every
    /// scrape.
    /// </summary>
    internal static bool DuplicatesSelfTarget(string instrumentName) =>
        instrumentName is "dotnet.process.cpu.time" or "dotnet.process.memory.working_set";

    /// <summary>Where OTLP goes, or null when it is off.</summary>
    public static string? OtlpEndpoint(IConfiguration configuration) =>
        configuration["Agent:Otlp:Endpoint"] is { Length: > 0 } endpoint ? endpoint
        : configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 } standard ? standard
        : null;
}
