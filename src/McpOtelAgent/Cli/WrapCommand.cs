using System.CommandLine;
using System.Diagnostics.Metrics;
using McpOtelAgent.Hosting;
using McpOtelAgent.Targets;
using McpOtelAgent.Telemetry;
using McpOtelAgent.Wrapping;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace McpOtelAgent.Cli;

/// <summary>
/// <c>mcp-otel-agent wrap [--server-id ID] [--agent URL] [--api-key KEY] -- COMMAND [ARGS…]</c>: a drop-in replacement
/// for the <c>command</c>/<c>args</c> of a desktop client's MCP server entry. Its stdout belongs to the MCP session, so
/// everything the wrapper itself says goes to stderr.
/// </summary>
/// <remarks>
/// The root command must be parsed without response files (<c>@scope/package</c> arguments are common) and invoked
/// without a process-termination timeout: the wrapper forwards SIGINT/SIGTERM to the server and exits when it does.
/// </remarks>
internal static class WrapCommand
{
    /// <summary><c>OTEL_*</c> variables that turn on direct OTLP export (the exporter reads the rest itself).</summary>
    private static readonly string[] OtlpEndpointVariables = ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"];

    // Exiting promptly matters more than the last export: a client waits for the server process to end.
    private const int ExportShutdownTimeoutMilliseconds = 2000;

    public static Command Create()
    {
        var serverId = new Option<string?>("--server-id")
        {
            Description = "The server_id label and agent target id (default: derived from the command, e.g. server-everything)",
        };
        serverId.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } id && !ServerId.IsValid(id))
            {
                result.AddError($"--server-id must be {ServerId.Rule}, not '{id}'");
            }
        });
        var agent = new Option<Uri?>("--agent")
        {
            Description = "A running mcp-otel-agent to attach the server's process to and report its MCP traffic to",
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
                {
                    return url;
                }

                result.AddError($"--agent must be an absolute http or https URL, not '{text}'");
                return null;
            },
        };
        var apiKey = new Option<string?>("--api-key")
        {
            Description = "API key of the agent (default: $MCPOTEL_API_KEY)",
        };
        var command = new Argument<string[]>("command")
        {
            Description = "The MCP server command and its arguments, after --",
            Arity = ArgumentArity.OneOrMore,
        };

        var wrap = new Command("wrap", "Run a stdio MCP server, relaying its pipes unchanged and measuring its MCP traffic")
        {
            serverId, agent, apiKey, command,
        };
        wrap.SetAction((parseResult, _) =>
        {
            var commandLine = parseResult.GetRequiredValue(command);
            var options = new WrapOptions
            {
                Command = commandLine[0],
                Arguments = commandLine[1..],
                ServerId = parseResult.GetValue(serverId) ?? WrapServerId.Derive(commandLine[0], commandLine[1..]),
                AgentUrl = parseResult.GetValue(agent),
                ApiKey = parseResult.GetValue(apiKey) ?? Environment.GetEnvironmentVariable("MCPOTEL_API_KEY"),
            };

            // The host's own cancellation is deliberately unused: signals are forwarded to the server, and the wrapper
            // ends when it does.
            return RunAsync(options);
        });
        return wrap;
    }

    private static async Task<int> RunAsync(WrapOptions options)
    {
        using var loggerFactory = LoggerFactory.Create(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            .AddSimpleConsole(console => console.SingleLine = true)
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace));
        var logger = loggerFactory.CreateLogger("McpOtelAgent.Wrap");

        using var meter = new Meter(AgentMeter.Name, AgentMeter.Version);
        var meterProvider = OtlpConfigured() ? CreateOtlpMeterProvider(meter.Name, options.ServerId) : null;
        var agent = options.AgentUrl is { } agentUrl ? new AgentSession(agentUrl, options.ApiKey, options.ServerId, logger) : null;
        try
        {
            var sinks = new List<IMcpTrafficSink>();
            if (meterProvider is not null)
            {
                sinks.Add(new WrapMetricsSink(new WrapMetrics(meter), options.ServerId));
            }

            if (agent is not null)
            {
                sinks.Add(agent.Sink);
            }

            // With nowhere to report to, the wrapper is a plain relay.
            var observer = sinks.Count == 0
                ? null
                : new McpTrafficObserver(sinks.Count == 1 ? sinks[0] : new CompositeTrafficSink(sinks), TimeProvider.System, options.MaxPendingRequests);
            var runner = new WrapRunner(logger);
            return await runner.RunAsync(options, Console.OpenStandardInput(), Console.OpenStandardOutput(), observer, agent is null ? null : agent.OnServerStarted);
        }
        finally
        {
            if (agent is not null)
            {
                await agent.DisposeAsync();
            }

            meterProvider?.Shutdown(ExportShutdownTimeoutMilliseconds);
            meterProvider?.Dispose();
        }
    }

    private static bool OtlpConfigured() =>
        OtlpEndpointVariables.Any(name => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(name)));

    private static MeterProvider CreateOtlpMeterProvider(string meterName, string serverId) =>
        Sdk.CreateMeterProviderBuilder()
            .ConfigureResource(resource => resource
                .AddService(OpenTelemetryHostingExtensions.ServiceName, serviceVersion: AgentMeter.Version, serviceInstanceId: Guid.NewGuid().ToString())
                .AddAttributes([new KeyValuePair<string, object>(AttributeNames.ServerId, serverId)]))
            .AddMeter(meterName)
            .AddOtlpExporter()
            .Build();
}
