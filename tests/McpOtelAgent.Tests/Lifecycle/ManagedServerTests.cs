using System.Diagnostics;
using McpOtelAgent.Lifecycle;
using McpOtelAgent.Probes;
using McpOtelAgent.Sampling;
using McpOtelAgent.Targets;
using McpOtelAgent.Tests.Lifecycle.Support;
using McpOtelAgent.Tests.Support;

namespace McpOtelAgent.Tests.Lifecycle;

/// <summary>The supervisor against real processes: the npm MCP servers, shells, and a command that dies at once.</summary>
public sealed class ManagedServerTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private readonly List<ManagedServer> _servers = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        _temp.Dispose();
    }

    [Fact]
    public async Task StartAsync_ServerMemory_RunsInItsOwnProcessGroup()
    {
        var server = Track(ServerFactory.Manage(ServerFactory.ServerMemory("memory", _temp.Path)));

        await server.StartAsync();

        Assert.Equal(ServerLifecycleState.Running, server.State);
        var pid = server.Status.Pid!.Value;
        Assert.True(await Poll.TrueAsync(() => ProcFs.ReadStat(pid)?.ProcessGroupId == pid), "setsid never made a group");

        // The group exists from setsid on, the command line only once node's exec is done.
        Assert.True(
            await Poll.TrueAsync(() => ProcFs.CommandLine(pid).Contains(NpmFixtures.ServerMemory, StringComparison.Ordinal)),
            $"pid {pid} runs {ProcFs.CommandLine(pid)}");
    }

    [Fact]
    public async Task KillRealChild_ShellWrappedServer_RestartedOnceUnderSameId()
    {
        // sh stays as the parent (the trailing exit keeps it from exec'ing node): a wrapper plus the real server.
        var definition = ServerFactory.Stdio(
            "wrapped-memory",
            "/bin/sh",
            ["-c", "\"$0\" \"$1\"; exit $?", NpmFixtures.Node, NpmFixtures.ServerMemory],
            new Dictionary<string, string> { ["MEMORY_FILE_PATH"] = Path.Combine(_temp.Path, "m.jsonl") });
        var server = Track(ServerFactory.Manage(definition));
        await server.StartAsync();
        var wrapperPid = server.Status.Pid!.Value;
        Assert.True(await Poll.TrueAsync(() => ProcFs.Tree(wrapperPid).Count >= 2), "node child never appeared");
        var child = ProcFs.Tree(wrapperPid)[1];

        Process.GetProcessById(child).Kill();

        Assert.True(await Poll.TrueAsync(() => server.Status is { Restarts: 1, State: ServerLifecycleState.Running }), $"not restarted: {server.Status}");
        var status = server.Status;
        Assert.NotEqual(wrapperPid, status.Pid);
        Assert.Equal("wrapped-memory", status.ServerId);
        Assert.Equal(PosixSignals.SigKill, status.LastExit!.Value.Signal);
        Assert.False(ProcFs.Exists(child));
    }

    [Fact]
    public async Task StartAsync_ProcessStartedSubscriberThrows_StaysSupervisedAndOtherSubscribersHear()
    {
        using var logs = new TextLoggerProvider();
        var server = Track(ServerFactory.Manage(
            ServerFactory.ServerMemory("throwing-subscriber", _temp.Path), logger: logs.CreateLogger(nameof(ManagedServer))));
        var heard = 0;
        server.ProcessStarted += (_, _) => throw new InvalidOperationException("subscriber broke");
        server.ProcessStarted += (_, _) => Interlocked.Increment(ref heard);

        await server.StartAsync();
        Process.GetProcessById(server.Status.Pid!.Value).Kill();

        // The restart goes through the same event: a throwing subscriber there once ended supervision as failed-to-start.
        // The throwing subscriber runs first, so once the second one has heard of both processes both failures are logged.
        Assert.True(
            await Poll.TrueAsync(() => Volatile.Read(ref heard) == 2 && server.Status is { Restarts: 1, State: ServerLifecycleState.Running }),
            $"not restarted: {server.Status}, heard {Volatile.Read(ref heard)}");
        Assert.Equal(2, logs.Lines.Count(l => l.Contains(" 3015 ", StringComparison.Ordinal) && l.Contains("subscriber broke", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task StartAsync_CommandExitingAtOnce_EndsInCrashLoop()
    {
        var restart = ServerFactory.FastRestart with { BaseDelay = TimeSpan.FromMilliseconds(20), MaxRestarts = 3 };
        var server = Track(ServerFactory.Manage(ServerFactory.Stdio("dies", "/bin/sh", ["-c", "exit 3"], restart: restart)));

        await server.StartAsync();

        Assert.True(await Poll.TrueAsync(() => server.State == ServerLifecycleState.CrashLoop), $"state {server.Status}");
        Assert.Equal(3, server.Status.Restarts);
        Assert.Equal(3, server.Status.LastExit!.Value.ExitCode);
        Assert.Null(server.Status.Pid);
    }

    [Fact]
    public async Task StartAsync_MissingCommand_FailedToStart()
    {
        var server = Track(ServerFactory.Manage(ServerFactory.Stdio("missing", "no-such-mcp-server-command", [])));

        await server.StartAsync();

        Assert.True(await Poll.TrueAsync(() => server.State == ServerLifecycleState.FailedToStart));
        Assert.Contains("not found", server.Status.LastError, StringComparison.Ordinal);
        Assert.Equal(0, server.Status.Restarts);
    }

    [Fact]
    public async Task StopAsync_WrappedServer_LeavesNoProcessOfTheTree()
    {
        var definition = ServerFactory.Stdio(
            "tree",
            "/bin/sh",
            ["-c", "\"$0\" \"$1\" & \"$0\" \"$1\"; wait", NpmFixtures.Node, NpmFixtures.ServerMemory],
            new Dictionary<string, string> { ["MEMORY_FILE_PATH"] = Path.Combine(_temp.Path, "t.jsonl") });
        var server = Track(ServerFactory.Manage(definition));
        await server.StartAsync();
        var root = server.Status.Pid!.Value;
        Assert.True(await Poll.TrueAsync(() => ProcFs.Tree(root).Count >= 3), "children never appeared");
        var tree = ProcFs.Tree(root);

        await server.StopAsync();

        Assert.Equal(ServerLifecycleState.Stopped, server.State);
        Assert.True(await Poll.TrueAsync(() => !tree.Any(ProcFs.Exists), TimeSpan.FromSeconds(5)), "left: " + string.Join(",", tree.Where(ProcFs.Exists)));
        Assert.Empty(ProcFs.GroupMembers(root));
    }

    [Fact]
    public async Task StopAsync_ServerMemory_ExitsOnClosedStdinWithoutSignals()
    {
        var server = Track(ServerFactory.Manage(ServerFactory.ServerMemory("graceful", _temp.Path)));
        await server.StartAsync();

        await server.StopAsync();

        Assert.Equal(ServerLifecycleState.Stopped, server.State);
        Assert.Equal(0, server.Status.LastExit!.Value.ExitCode);
        Assert.Equal(0, server.Status.Restarts);
    }

    [Fact]
    public async Task RestartAsync_Running_NewProcessNotCountedAsCrash()
    {
        var server = Track(ServerFactory.Manage(ServerFactory.ServerMemory("manual", _temp.Path)));
        await server.StartAsync();
        var first = server.Status.Pid;

        await server.RestartAsync();

        Assert.Equal(ServerLifecycleState.Running, server.State);
        Assert.NotEqual(first, server.Status.Pid);
        Assert.Equal(0, server.Status.Restarts);
        Assert.False(ProcFs.Exists(first!.Value));
    }

    [Fact]
    public async Task Resolve_StoppedThroughStopAsync_NoProcessOnPurposeNotDown()
    {
        var server = Track(ServerFactory.Manage(ServerFactory.ServerMemory("stopped", _temp.Path)));
        await server.StartAsync();
        await server.StopAsync();

        var resolution = Resolve(server);

        Assert.Null(resolution.RootPid);
        Assert.Equal(TargetState.Stopped, resolution.State);
    }

    [Fact]
    public async Task Resolve_CleanExitWithRestartModeNever_ExitedAndDown()
    {
        var definition = ServerFactory.Stdio("once", "/bin/sh", ["-c", "exit 0"], restart: ServerFactory.FastRestart with { Mode = RestartMode.Never });
        var server = Track(ServerFactory.Manage(definition));
        await server.StartAsync();
        Assert.True(await Poll.TrueAsync(() => server.State == ServerLifecycleState.Exited), $"state {server.Status}");

        var resolution = Resolve(server);

        Assert.Equal(TargetState.Down, resolution.State);
        Assert.StartsWith("exited with exit code 0", resolution.DownReason, StringComparison.Ordinal);
        Assert.Equal(0, server.Status.Restarts);
    }

    private static TargetResolution Resolve(ManagedServer server)
    {
        using var probe = ProcessProbe.CreateForCurrentOs();
        return new ManagedRootSource(server).Resolve(probe.BeginSweep());
    }

    private ManagedServer Track(ManagedServer server)
    {
        _servers.Add(server);
        return server;
    }
}
