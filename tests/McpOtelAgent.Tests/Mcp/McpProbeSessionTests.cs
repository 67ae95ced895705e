using System.Diagnostics.Metrics;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json.Nodes;
using McpOtelAgent.Mcp;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol.Protocol;

namespace McpOtelAgent.Tests.Mcp;

/// <summary>
/// Connecting a probe session to a peer that breaks the protocol: the npm servers never answer a tool list that does not
/// parse, so a scripted peer over in-memory pipes plays that server.
/// </summary>
public sealed class McpProbeSessionTests
{
    /// <summary>Marks this test's own code, so sessions that other tests close at the same time are not counted.</summary>
    private static readonly AsyncLocal<bool> InThisTest = new();

    [Fact]
    public async Task ConnectAsync_ToolListThatDoesNotParse_ConnectsWithAnUnknownToolCountAndClosesOnce()
    {
        var toServer = new Pipe();
        var toClient = new Pipe();
        _ = RunPeerAsync(toServer.Reader, toClient.Writer);
        var transport = new StreamClientTransport(toServer.Writer.AsStream(), toClient.Reader.AsStream(), NullLoggerFactory.Instance);
        var closed = 0;
        using var listener = SessionsClosed(() => Interlocked.Increment(ref closed));
        InThisTest.Value = true;

        var session = await McpProbeSession.ConnectAsync("broken", transport, TimeSpan.FromSeconds(20), NullLoggerFactory.Instance, CancellationToken.None);

        // Connected: only the tool count is unknown, and the session stays open.
        Assert.Null(session.ToolCount);
        Assert.False(session.IsClosed);
        Assert.Equal("broken", session.ServerName);
        Assert.Equal(0, Volatile.Read(ref closed));

        // The SDK records a client session's duration when the client is disposed, and nowhere else.
        await session.DisposeAsync();
        Assert.Equal(1, Volatile.Read(ref closed));
    }

    private static MeterListener SessionsClosed(Action onClosed)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = static (instrument, l) =>
            {
                if (instrument is { Name: "mcp.client.session.duration", Meter.Name: "Experimental.ModelContextProtocol" })
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, _, _, _) =>
        {
            if (InThisTest.Value)
            {
                onClosed();
            }
        });
        listener.Start();
        return listener;
    }

    /// <summary>
    /// Answers like a 2025-11-25 server (no <c>server/discover</c>) with a tools capability, except that its
    /// <c>tools/list</c> result holds no list.
    /// </summary>
    private static async Task RunPeerAsync(PipeReader input, PipeWriter output)
    {
        using var reader = new StreamReader(input.AsStream(), Encoding.UTF8);
        while (await reader.ReadLineAsync() is { } line)
        {
            if (JsonNode.Parse(line) is not JsonObject message || message["method"]?.GetValue<string>() is not { } method)
            {
                continue;
            }

            if (message["id"] is not { } id)
            {
                continue;
            }

            var reply = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id.DeepClone() };
            switch (method)
            {
                case "initialize":
                    reply["result"] = JsonNode.Parse("""
                        {"protocolVersion":"2025-11-25","capabilities":{"tools":{}},"serverInfo":{"name":"broken","version":"1.0.0"}}
                        """);
                    break;
                case "tools/list":
                    reply["result"] = JsonNode.Parse("""{"tools":"not a list"}""");
                    break;
                default:
                    reply["error"] = JsonNode.Parse("""{"code":-32601,"message":"Method not found"}""");
                    break;
            }

            await output.WriteAsync(Encoding.UTF8.GetBytes(reply.ToJsonString() + "\n"));
        }

        await output.CompleteAsync();
    }
}
