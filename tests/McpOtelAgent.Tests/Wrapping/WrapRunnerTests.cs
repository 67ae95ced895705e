using System.IO.Pipelines;
using McpOtelAgent.Telemetry;
using McpOtelAgent.Wrapping;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpOtelAgent.Tests.Wrapping;

/// <summary>
/// The relay and observer in this process, between the official C# SDK client (over in-memory pipes) and the real
/// server-everything as a child process, so the recorded measurements can be read back exactly.
/// </summary>
public sealed class WrapRunnerTests : IDisposable
{
    private readonly CollectedMetrics _metrics = new();
    private readonly Pipe _toWrapper = new();
    private readonly Pipe _fromWrapper = new();
    private int _childPid;

    public void Dispose()
    {
        WrapProcesses.KillIfRunning(_childPid);
        _metrics.Dispose();
    }

    [Fact]
    public async Task RunAsync_SdkClientSession_RecordsEachOperationByMethodToolAndErrorType()
    {
        var observer = new McpTrafficObserver(new WrapMetricsSink(new WrapMetrics(_metrics.Meter), "everything"), TimeProvider.System);
        var run = StartWrapper(observer);

        await using (var client = await ConnectAsync())
        {
            await client.ListToolsAsync();
            await client.ListPromptsAsync();
            await client.CallToolAsync("echo", new Dictionary<string, object?> { ["message"] = "one" });
            await client.CallToolAsync("echo", new Dictionary<string, object?> { ["message"] = "two" });
            await client.CallToolAsync("get-sum", new Dictionary<string, object?> { ["a"] = 1, ["b"] = 2 });
            var invalid = await client.CallToolAsync("echo", new Dictionary<string, object?>());
            Assert.True(invalid.IsError);
            await client.GetPromptAsync("simple-prompt");
            await Assert.ThrowsAsync<McpProtocolException>(async () => await client.GetPromptAsync("no-such-prompt"));
            await Assert.ThrowsAsync<McpProtocolException>(() => client.SendRequestAsync(new JsonRpcRequest { Method = "bogus/method" }));
        }

        Assert.Equal(0, await EndSessionAsync(run));

        var counts = _metrics.Histogram(MetricNames.McpServerOperationDuration)
            .Select(p => (Key(p.Tags), p.Count))
            .Order()
            .ToList();
        Assert.Equal(
            new List<(string, long)>
            {
                ("bogus/method error=-32601", 1),
                ("initialize", 1),
                ("prompts/get prompt=no-such-prompt error=-32602", 1),
                ("prompts/get prompt=simple-prompt", 1),
                ("prompts/list", 1),

                // The SDK tries the 2026-07-28 handshake first; this server predates it and falls back to initialize.
                ("server/discover error=-32601", 1),
                ("tools/call tool=echo", 2),
                ("tools/call tool=echo error=tool_error", 1),
                ("tools/call tool=get-sum", 1),
                ("tools/list", 1),
            },
            counts);
        Assert.Equal("2025-11-25", observer.ProtocolVersion);
        Assert.Equal(0, observer.PendingCount);
        Assert.Equal(0, observer.MalformedLines);
    }

    [Fact]
    public async Task RunAsync_AnyOperation_CarriesTransportServerIdVersionAndConventionBuckets()
    {
        var observer = new McpTrafficObserver(new WrapMetricsSink(new WrapMetrics(_metrics.Meter), "everything"), TimeProvider.System);
        var run = StartWrapper(observer);

        await using (var client = await ConnectAsync())
        {
            await client.PingAsync();
        }

        await EndSessionAsync(run);
        var ping = Assert.Single(_metrics.Histogram(MetricNames.McpServerOperationDuration), p => p.Tags[AttributeNames.McpMethodName] == "ping");
        Assert.Equal("pipe", ping.Tags[AttributeNames.NetworkTransport]);
        Assert.Equal("everything", ping.Tags["server_id"]);
        Assert.Equal("2025-11-25", ping.Tags[AttributeNames.McpProtocolVersion]);
        Assert.False(ping.Tags.ContainsKey(AttributeNames.ErrorType));
        Assert.Equal([0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300], ping.Bounds);

        var notifications = _metrics.Counter(MetricNames.McpWrapperNotifications).ToDictionary(p => p.Tags[AttributeNames.McpMethodName], p => p.Value);
        Assert.Equal(1, notifications["notifications/initialized"]);
        Assert.True(notifications["notifications/tools/list_changed"] >= 1);
    }

    [Fact]
    public async Task RunAsync_ServerAsksTheClientForRoots_RecordsItAsAClientOperation()
    {
        var observer = new McpTrafficObserver(new WrapMetricsSink(new WrapMetrics(_metrics.Meter), "everything"), TimeProvider.System);
        var run = StartWrapper(observer);

        // Roots (like every server-to-client request) is deprecated from the 2026-07-28 revision on, but the
        // 2025-11-25 servers a wrapper meets today still use it, and it is the way to make this server send a request.
#pragma warning disable MCP9005
        var options = new McpClientOptions
        {
            Handlers = new McpClientHandlers
            {
                RootsHandler = (_, _) => ValueTask.FromResult(new ListRootsResult { Roots = [new Root { Uri = "file:///tmp", Name = "tmp" }] }),
            },
        };
#pragma warning restore MCP9005

        await using (var client = await McpClient.CreateAsync(
            new StreamClientTransport(_toWrapper.Writer.AsStream(), _fromWrapper.Reader.AsStream()), options))
        {
            // server-everything asks a client that has roots for them once it is initialized (server/roots.js).
            var result = await client.CallToolAsync("get-roots-list", new Dictionary<string, object?>());
            Assert.NotEqual(true, result.IsError);
        }

        await EndSessionAsync(run);
        var roots = _metrics.Histogram(MetricNames.McpClientOperationDuration);
        Assert.NotEmpty(roots);
        Assert.All(roots, p => Assert.Equal("roots/list", p.Tags[AttributeNames.McpMethodName]));
        Assert.All(roots, p => Assert.False(p.Tags.ContainsKey(AttributeNames.ErrorType)));
        Assert.Equal(0, observer.PendingCount);
    }

    [Fact]
    public async Task RunAsync_CommandNotFound_Returns127WithoutThrowing()
    {
        var options = new WrapOptions { Command = "/nonexistent/mcp-server", ServerId = "missing" };

        var exitCode = await new WrapRunner(NullLogger.Instance).RunAsync(options, Stream.Null, Stream.Null, observer: null);

        Assert.Equal(WrapRunner.CommandNotFoundExitCode, exitCode);
    }

    private Task<int> StartWrapper(McpTrafficObserver observer)
    {
        var options = new WrapOptions { Command = "node", Arguments = [WrapFixtures.ServerEverything, "stdio"], ServerId = "everything" };
        return Task.Run(() => new WrapRunner(NullLogger.Instance).RunAsync(
            options, _toWrapper.Reader.AsStream(), _fromWrapper.Writer.AsStream(), observer, pid => _childPid = pid));
    }

    /// <summary>Closes the client's end (the SDK leaves streams it was given open), as a desktop client does on exit.</summary>
    private async Task<int> EndSessionAsync(Task<int> run)
    {
        await _toWrapper.Writer.CompleteAsync();
        return await run.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private Task<McpClient> ConnectAsync() =>
        McpClient.CreateAsync(new StreamClientTransport(_toWrapper.Writer.AsStream(), _fromWrapper.Reader.AsStream()));

    private static string Key(Dictionary<string, string> tags)
    {
        var key = tags[AttributeNames.McpMethodName];
        if (tags.TryGetValue(AttributeNames.GenAiToolName, out var tool))
        {
            key += " tool=" + tool;
        }

        if (tags.TryGetValue(AttributeNames.GenAiPromptName, out var prompt))
        {
            key += " prompt=" + prompt;
        }

        if (tags.TryGetValue(AttributeNames.ErrorType, out var error))
        {
            key += " error=" + error;
        }

        return key;
    }
}
