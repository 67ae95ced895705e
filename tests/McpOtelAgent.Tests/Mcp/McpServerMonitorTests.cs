using System.Diagnostics;
using McpOtelAgent.Lifecycle;
using McpOtelAgent.Mcp;
using McpOtelAgent.Tests.Lifecycle.Support;
using McpOtelAgent.Tests.Support;
using ModelContextProtocol.Client;

namespace McpOtelAgent.Tests.Mcp;

/// <summary>Protocol probes against the real npm servers, over supervised stdio pipes and over streamable HTTP.</summary>
public sealed class McpServerMonitorTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private readonly List<IAsyncDisposable> _owned = [];
    private Process? _httpServer;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }

        await StopHttpServerAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task ProbeOnceAsync_ServerMemoryOverStdio_SucceedsWithToolCountOfToolsList()
    {
        var definition = ServerFactory.ServerMemory("memory", _temp.Path);
        var (server, monitor) = await StartAsync(definition);

        var status = await monitor.ProbeOnceAsync(CancellationToken.None);

        Assert.True(status.Success, status.LastError);
        Assert.True(status.Duration > TimeSpan.Zero);
        Assert.Equal(0, status.ConsecutiveFailures);
        Assert.False(string.IsNullOrEmpty(status.ProtocolVersion));
        Assert.False(string.IsNullOrEmpty(status.ServerName));
        Assert.Equal(await CountToolsIndependentlyAsync(definition), status.ToolCount);
        Assert.Equal(ServerLifecycleState.Running, server.State);
    }

    [Fact]
    public async Task ProbeOnceAsync_ServerEverythingOverStdio_ToolCountFollowsListChanged()
    {
        // server-everything registers more tools once initialized and announces them with tools/list_changed.
        var definition = ServerFactory.Stdio("everything", NpmFixtures.Node, [NpmFixtures.ServerEverything, "stdio"]);
        var (_, monitor) = await StartAsync(definition);
        var expected = await CountToolsIndependentlyAsync(definition);

        McpProbeStatus status = await monitor.ProbeOnceAsync(CancellationToken.None);
        for (var i = 0; i < 100 && status.ToolCount != expected; i++)
        {
            await Task.Delay(100);
            status = await monitor.ProbeOnceAsync(CancellationToken.None);
        }

        Assert.True(status.Success, status.LastError);
        Assert.Equal(expected, status.ToolCount);
        Assert.True(status.ToolCount > 5);
        Assert.Equal("2025-11-25", status.ProtocolVersion);
    }

    [Fact]
    public async Task ProbeOnceAsync_AfterKill_ReconnectsToTheNewProcess()
    {
        var (server, monitor) = await StartAsync(ServerFactory.ServerMemory("restarted", _temp.Path));
        Assert.True((await monitor.ProbeOnceAsync(CancellationToken.None)).Success);
        var firstPid = server.Status.Pid!.Value;

        Process.GetProcessById(firstPid).Kill();
        Assert.True(await Poll.TrueAsync(() => server.Status is { Restarts: 1, State: ServerLifecycleState.Running }));
        var status = await monitor.ProbeOnceAsync(CancellationToken.None);

        Assert.True(status.Success, status.LastError);
        Assert.Equal(0, status.ConsecutiveFailures);
        Assert.NotEqual(firstPid, server.Status.Pid);
    }

    [Fact]
    public async Task ProbeOnceAsync_StoppedManagedServer_ReportsNotRunningWithoutFailure()
    {
        var (server, monitor) = await StartAsync(ServerFactory.ServerMemory("stopped", _temp.Path));
        await server.StopAsync();

        var status = await monitor.ProbeOnceAsync(CancellationToken.None);

        Assert.Null(status.Success);
        Assert.Equal(0, status.ConsecutiveFailures);
    }

    [Fact]
    public async Task ProbeOnceAsync_ServerEverythingOverStreamableHttp_Succeeds()
    {
        var port = FreePort.Next();
        await StartHttpServerAsync(port);
        var monitor = Own(ServerFactory.Monitor(Http("everything-http", $"http://127.0.0.1:{port}/mcp"), managed: null));

        var status = await monitor.ProbeOnceAsync(CancellationToken.None);
        var second = await monitor.ProbeOnceAsync(CancellationToken.None);

        Assert.True(status.Success, status.LastError);
        Assert.True(second.Success, second.LastError);
        Assert.True(second.Duration > TimeSpan.Zero);
        Assert.True(second.ToolCount > 5);
        Assert.False(string.IsNullOrEmpty(second.ServerName));
    }

    [Fact]
    public async Task ProbeOnceAsync_HttpServerRestarted_ReconnectsOverTheSameTransport()
    {
        var port = FreePort.Next();
        await StartHttpServerAsync(port);
        var monitor = Own(ServerFactory.Monitor(Http("restarted-http", $"http://127.0.0.1:{port}/mcp"), managed: null));
        Assert.True((await monitor.ProbeOnceAsync(CancellationToken.None)).Success);

        await StopHttpServerAsync();
        var failed = await monitor.ProbeOnceAsync(CancellationToken.None);
        await StartHttpServerAsync(port);
        var recovered = await monitor.ProbeOnceAsync(CancellationToken.None);

        Assert.False(failed.Success);
        Assert.True(recovered.Success, recovered.LastError);
        Assert.Equal(0, recovered.ConsecutiveFailures);
    }

    [Fact]
    public async Task ProbeOnceAsync_NothingListening_CountsConsecutiveFailures()
    {
        var monitor = Own(ServerFactory.Monitor(Http("gone", $"http://127.0.0.1:{FreePort.Next()}/mcp"), managed: null));

        var first = await monitor.ProbeOnceAsync(CancellationToken.None);
        var second = await monitor.ProbeOnceAsync(CancellationToken.None);

        Assert.False(first.Success);
        Assert.Equal(2, second.ConsecutiveFailures);
        Assert.NotNull(second.LastError);
    }

    /// <summary>server-everything over streamable HTTP on <paramref name="port"/>, listening when this returns.</summary>
    private async Task StartHttpServerAsync(int port)
    {
        _httpServer = Process.Start(new ProcessStartInfo(NpmFixtures.Node)
        {
            ArgumentList = { NpmFixtures.ServerEverything, "streamableHttp" },
            Environment = { ["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        _httpServer.BeginErrorReadLine();
        _httpServer.BeginOutputReadLine();
        Assert.True(await Poll.TrueAsync(() => Loopback.IsListening(port)), "server-everything never listened");
    }

    private async Task StopHttpServerAsync()
    {
        if (_httpServer is { } http)
        {
            _httpServer = null;
            http.Kill(entireProcessTree: true);
            await http.WaitForExitAsync();
            http.Dispose();
        }
    }

    private static McpServerDefinition Http(string id, string url) => new()
    {
        Id = id,
        ConfigPath = $"servers:{id}",
        Transport = McpTransportKind.Http,
        Url = new Uri(url),
        Probe = McpProbeSettings.Default with { Timeout = TimeSpan.FromSeconds(20) },
    };

    private static async Task<int> CountToolsIndependentlyAsync(McpServerDefinition definition)
    {
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Command = definition.Command!,
            Arguments = [.. definition.Args],
            EnvironmentVariables = definition.Env.ToDictionary(p => p.Key, p => (string?)p.Value),
        });
        await using var client = await McpClient.CreateAsync(transport);
        var count = (await client.ListToolsAsync()).Count;
        for (var i = 0; i < 20; i++)
        {
            // Let conditional tools registered after initialization settle, as the probe's own count does.
            await Task.Delay(100);
            count = (await client.ListToolsAsync()).Count;
        }

        return count;
    }

    private async Task<(ManagedServer Server, McpServerMonitor Monitor)> StartAsync(McpServerDefinition definition)
    {
        var server = Own(ServerFactory.Manage(definition));
        var monitor = Own(ServerFactory.Monitor(definition, server));
        await server.StartAsync();
        return (server, monitor);
    }

    private T Own<T>(T disposable)
        where T : IAsyncDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
