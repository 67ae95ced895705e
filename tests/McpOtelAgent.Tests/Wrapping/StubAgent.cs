using McpOtelAgent.Api;
using McpOtelAgent.Wrapping;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace McpOtelAgent.Tests.Wrapping;

/// <summary>
/// An HTTP host on a free loopback port with the real wrapper report endpoint (recording into a test meter) and
/// target attach/detach routes that only remember what they were sent, with the Authorization header of each call.
/// </summary>
internal sealed class StubAgent : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StubAgent(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    public List<(string Id, int Pid, string? Authorization)> Attached { get; } = [];

    public List<string> Detached { get; } = [];

    public static async Task<StubAgent> StartAsync(CollectedMetrics metrics)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddWrapping(_ => metrics.Meter);
        var agent = new StubAgent(builder.Build());
        var api = agent._app.MapGroup("/api/v1");
        api.MapWrapEndpoints();
        api.MapPost("/servers", (AgentTargetRequest target, HttpRequest request) =>
        {
            lock (agent.Attached)
            {
                agent.Attached.Add((target.Id, target.Pid, request.Headers.Authorization.ToString()));
            }

            return Results.Created($"/api/v1/servers/{target.Id}", target);
        });
        api.MapDelete("/servers/{id}", (string id) =>
        {
            lock (agent.Detached)
            {
                agent.Detached.Add(id);
            }

            return Results.NoContent();
        });
        await agent._app.StartAsync();
        agent.Url = agent._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return agent;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
