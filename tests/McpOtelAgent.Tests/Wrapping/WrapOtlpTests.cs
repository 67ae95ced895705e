using System.Net;
using System.Net.Sockets;
using McpOtelAgent.Telemetry;
using ModelContextProtocol.Client;

namespace McpOtelAgent.Tests.Wrapping;

/// <summary>
/// The official SDK client launches the real <c>mcp-otel-agent wrap</c> over stdio (as a desktop client would), which
/// runs server-everything and exports OTLP to a receiver named by the standard <c>OTEL_*</c> variables.
/// </summary>
public sealed class WrapOtlpTests
{
    [Fact]
    public async Task Wrap_OtlpEndpointSet_ExportsOperationCountsPerMethodToolAndErrorType()
    {
        await using var receiver = await OtlpReceiver.StartAsync();

        await RunSessionAsync(receiver.Endpoint);

        var payload = await LastPayloadAsync(receiver);
        var counts = payload.HistogramPoints
            .Where(p => p.Metric == MetricNames.McpServerOperationDuration && p.Attributes[AttributeNames.McpMethodName] == "tools/call")
            .Select(p => (p.Attributes[AttributeNames.GenAiToolName], p.Attributes.GetValueOrDefault(AttributeNames.ErrorType), p.Count))
            .Order()
            .ToList();
        Assert.Equal([("echo", null, 2), ("echo", "tool_error", 1), ("get-sum", null, 1)], counts);
        Assert.Single(payload.HistogramPoints, p => p.Attributes[AttributeNames.McpMethodName] == "tools/list");
        Assert.All(payload.HistogramPoints, p => Assert.Equal("otlp-everything", p.Attributes["server_id"]));
        Assert.All(payload.HistogramPoints, p => Assert.Equal("pipe", p.Attributes[AttributeNames.NetworkTransport]));
        Assert.Equal("mcp-otel-agent", payload.ResourceAttributes["service.name"]);
        Assert.Contains(payload.SumPoints, p => p.Metric == MetricNames.McpWrapperNotifications && p.Attributes[AttributeNames.McpMethodName] == "notifications/initialized");
    }

    [Fact]
    public async Task Wrap_CollectorDown_SessionStillWorksEndToEnd()
    {
        var closedPort = FreePort();

        var exitedWithin = await RunSessionAsync($"http://127.0.0.1:{closedPort}");

        Assert.True(exitedWithin < TimeSpan.FromSeconds(20), $"the wrapper took {exitedWithin} to end");
    }

    /// <summary>Runs a tool-calling session through the wrapper; returns how long closing the session took.</summary>
    private static async Task<TimeSpan> RunSessionAsync(string otlpEndpoint)
    {
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Command = "dotnet",
            Arguments = [WrapFixtures.AgentAssembly, "wrap", "--server-id", "otlp-everything", "--", "node", WrapFixtures.ServerEverything, "stdio"],
            EnvironmentVariables = new Dictionary<string, string?>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlpEndpoint,
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "600000",
            },
            ShutdownTimeout = TimeSpan.FromSeconds(20),
        });

        var client = await McpClient.CreateAsync(transport);
        var tools = await client.ListToolsAsync();
        Assert.Contains(tools, t => t.Name == "echo");
        var echo = await client.CallToolAsync("echo", new Dictionary<string, object?> { ["message"] = "one" });
        Assert.NotEqual(true, echo.IsError);
        await client.CallToolAsync("echo", new Dictionary<string, object?> { ["message"] = "two" });
        await client.CallToolAsync("get-sum", new Dictionary<string, object?> { ["a"] = 2, ["b"] = 3 });
        Assert.True((await client.CallToolAsync("echo", new Dictionary<string, object?>())).IsError);

        var closing = TimeProvider.System.GetTimestamp();
        await client.DisposeAsync();
        return TimeProvider.System.GetElapsedTime(closing);
    }

    /// <summary>The wrapper exports once more when it ends; cumulative temporality makes the last export complete.</summary>
    private static async Task<OtlpMetricsPayload> LastPayloadAsync(OtlpReceiver receiver)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var payloads = receiver.Payloads();
            if (payloads.Count > 0)
            {
                return payloads[^1];
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("no OTLP export arrived");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
