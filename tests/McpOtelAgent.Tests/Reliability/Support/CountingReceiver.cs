using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace McpOtelAgent.Tests.Reliability.Support;

/// <summary>An OTLP/HTTP endpoint on a port chosen beforehand (so it can come up after the agent), counting exports.</summary>
internal sealed class CountingReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;

    private CountingReceiver(WebApplication app) => _app = app;

    public int Requests => Volatile.Read(ref _requests);

    public static async Task<CountingReceiver> StartAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var receiver = new CountingReceiver(builder.Build());
        receiver._app.MapPost("/{**path}", async (HttpRequest request) =>
        {
            await request.Body.CopyToAsync(Stream.Null);
            Interlocked.Increment(ref receiver._requests);
            return Results.Bytes([], "application/x-protobuf");
        });
        await receiver._app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
