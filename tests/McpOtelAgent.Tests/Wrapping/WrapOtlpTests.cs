using McpOtelAgent.Telemetry;

namespace McpOtelAgent.Tests.Wrapping;

/// <summary>
/// The wrapper exporting OTLP directly to a receiver named by the standard <c>OTEL_*</c> variables.
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
        var closedPort = WrapFixtures.ClosedPort();

        var exitedWithin = await RunSessionAsync($"http://127.0.0.1:{closedPort}");

        Assert.True(exitedWithin < TimeSpan.FromSeconds(20), $"the wrapper took {exitedWithin} to end");
    }

    private static Task<TimeSpan> RunSessionAsync(string otlpEndpoint) => WrappedSdkSession.RunAsync(
        ["--server-id", "otlp-everything"],
        new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlpEndpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "600000",
        });

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

}
