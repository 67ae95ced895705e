using System.Collections;
using System.Net;
using System.Text;
using McpOtelAgent.Tests.Agent.Support;
using McpOtelAgent.Tests.Support;

namespace McpOtelAgent.Tests.Security;

/// <summary><c>Agent:MetricsUrls</c>: a listener that serves /metrics and answers 404 for everything else.</summary>
[Collection(AgentHostCollection.Name)]
public sealed class MetricsOnlyPortTests : IAsyncLifetime
{
    private readonly int _metricsPort = FreePort.Next();
    private RunningAgent _agent = null!;
    private HttpClient _metrics = null!;

    public async Task InitializeAsync()
    {
        _agent = await RunningAgent.StartAsync(environment: new Hashtable
        {
            ["MCPOTEL_API_KEY"] = RunningAgent.ApiKey,
            ["MCPOTEL_Agent__MetricsUrls"] = $"http://127.0.0.1:{_metricsPort}",
        });
        _metrics = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_metricsPort}") };
    }

    public async Task DisposeAsync()
    {
        _metrics.Dispose();
        await _agent.DisposeAsync();
    }

    [Fact]
    public async Task MetricsPort_Metrics_ServesTheSameSeries()
    {
        var text = await Poll.UntilAsync(() => _metrics.GetStringAsync("/metrics"),
            t => Exposition.Has(t, "mcp_server_up", ApiRoutes.ServerId), "the agent's series on the metrics port");

        Assert.Equal(1, Exposition.Value(text, "mcp_server_up", ("server_id", ApiRoutes.ServerId)));
    }

    [Fact]
    public async Task MetricsPort_EveryApiRoute_404WithTheKey()
    {
        foreach (var route in ApiRoutes.All(_agent.Services).Where(r => r.Pattern.TrimStart('/') != "metrics"))
        {
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Path())
            {
                Content = route.IsMutating ? new StringContent("{}", Encoding.UTF8, "application/json") : null,
            };
            request.Headers.Authorization = new("Bearer", RunningAgent.ApiKey);
            using var response = await _metrics.SendAsync(request);

            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{route} answered {(int)response.StatusCode} on the metrics port");
        }
    }

    [Theory]
    [InlineData("/api/v1/servers")]
    [InlineData("/metrics/../api/v1/servers")]
    [InlineData("/api/v1/openapi.json")]
    [InlineData("/METRICS/../api/v1/servers")]
    public async Task MetricsPort_HostHeaderNamingTheApiListener_Still404(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = _agent.BaseAddress.Authority;

        using var response = await _metrics.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ApiPort_ApiAndMetrics_StillServed()
    {
        using var servers = await _agent.Http.GetAsync("/api/v1/servers");
        using var metrics = await _agent.Http.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, servers.StatusCode);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
    }
}
