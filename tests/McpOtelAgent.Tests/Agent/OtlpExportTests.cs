using System.Collections;
using System.Text.Json;
using McpOtelAgent.Tests.Agent.Support;
using McpOtelAgent.Tests.Support;

namespace McpOtelAgent.Tests.Agent;

public sealed class OtlpExportTests
{
    [Theory]
    [InlineData("http/protobuf")]
    [InlineData("grpc")]
    public async Task Otlp_EndpointFromEnvironment_DashboardHasTheAgentsMetrics(string protocol)
    {
        using var dashboard = AspireDashboard.Start();
        var endpoint = protocol == "grpc" ? dashboard.OtlpGrpcEndpoint : dashboard.OtlpHttpEndpoint;
        await using var agent = await RunningAgent.StartAsync(environment: new Hashtable
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = protocol,
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
        });

        var resources = await Poll.UntilAsync(dashboard.ResourcesAsync, HasAgentMetrics, "the dashboard to receive the agent's metrics");

        Assert.True(HasAgentMetrics(resources));
    }

    [Fact]
    public async Task Otlp_EndpointFromConfig_DashboardHasTheAgentsMetrics()
    {
        using var dashboard = AspireDashboard.Start();
        await using var agent = await RunningAgent.StartAsync(
            $$"""{ "Agent": { "Otlp": { "Endpoint": "{{dashboard.OtlpHttpEndpoint}}", "Protocol": "http/protobuf" } } }""",
            new Hashtable { ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000" });

        var resources = await Poll.UntilAsync(dashboard.ResourcesAsync, HasAgentMetrics, "the dashboard to receive the agent's metrics");

        Assert.True(HasAgentMetrics(resources));
    }

    private static bool HasAgentMetrics(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Elements(document.RootElement).Any(e =>
            e.ValueKind == JsonValueKind.Object
            && e.EnumerateObject().Any(p => p.Value.ValueKind == JsonValueKind.String && p.Value.GetString()!.StartsWith("mcp-otel-agent", StringComparison.Ordinal))
            && e.TryGetProperty("hasMetrics", out var has) && has.ValueKind == JsonValueKind.True);
    }

    private static IEnumerable<JsonElement> Elements(JsonElement root) => root.ValueKind switch
    {
        JsonValueKind.Array => root.EnumerateArray().SelectMany(Elements).Prepend(root),
        JsonValueKind.Object => root.EnumerateObject().SelectMany(p => Elements(p.Value)).Prepend(root),
        _ => [root],
    };
}
