using System.Text.RegularExpressions;
using McpOtelAgent.Core.Tests.Fakes;
using McpOtelAgent.Targets;

namespace McpOtelAgent.Core.Tests.Targets;

public sealed class RootSourceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mcpotel-targets-").FullName;
    private readonly FakeProcessProbe _probe = new();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void PidRootSource_PidReusedByAnotherProcess_IsDown()
    {
        var source = new PidRootSource(100);
        _probe.Add(new FakeProcess(100, 1, "node", "node a", startTicks: 1000));
        Assert.Equal(100, source.Resolve(_probe.BeginSweep()).RootPid);

        _probe.Kill(100);
        _probe.Add(new FakeProcess(100, 1, "bash", "bash", startTicks: 5000));

        var resolution = source.Resolve(_probe.BeginSweep());
        Assert.Null(resolution.RootPid);
        Assert.Equal("pid 100 exited", resolution.DownReason);
    }

    [Fact]
    public void PidRootSource_AttachedProcessExited_StaysDownWithoutAskingAgain()
    {
        var source = new PidRootSource(100);
        _probe.Add(new FakeProcess(100, 1, "node", "node a", startTicks: 1000));
        source.Resolve(_probe.BeginSweep());
        _probe.Kill(100);
        Assert.Equal("pid 100 exited", source.Resolve(_probe.BeginSweep()).DownReason);
        _probe.Calls.Clear();

        // Not even the process that first held the number could come back: a start time is never repeated.
        _probe.Add(new FakeProcess(100, 1, "node", "node a", startTicks: 1000));
        var resolution = source.Resolve(_probe.BeginSweep());

        Assert.Null(resolution.RootPid);
        Assert.Equal("pid 100 exited", resolution.DownReason);
        Assert.Empty(_probe.Calls);
    }

    [Fact]
    public void PidRootSource_SeededWithAProcessThatExitedBeforeTheFirstSweep_NeverTakesThePidsNextOwner()
    {
        var discovered = new FakeProcess(100, 1, "node", "node mcp-server-x", startTicks: 1000);
        var source = new PidRootSource(discovered.Key);
        _probe.Add(new FakeProcess(100, 1, "bash", "bash", startTicks: 5000));

        var resolution = source.Resolve(_probe.BeginSweep());

        Assert.Null(resolution.RootPid);
        Assert.Equal("pid 100 exited", resolution.DownReason);
    }

    [Fact]
    public void PidRootSource_SeededWithALiveProcess_FindsIt()
    {
        var discovered = _probe.Add(new FakeProcess(100, 1, "node", "node mcp-server-x", startTicks: 1000));

        Assert.Equal(100, new PidRootSource(discovered.Key).Resolve(_probe.BeginSweep()).RootPid);
    }

    [Fact]
    public void PidRootSource_PidNotThereYet_AttachesWhenItAppears()
    {
        var source = new PidRootSource(100);
        Assert.Equal("no such pid 100", source.Resolve(_probe.BeginSweep()).DownReason);

        _probe.Add(new FakeProcess(100, 1, "node", "node a", startTicks: 1000));

        Assert.Equal(100, source.Resolve(_probe.BeginSweep()).RootPid);
    }

    [Fact]
    public void PidFileRootSource_FileAppearsLater_GoesFromDownToFound()
    {
        var path = Path.Combine(_dir, "server.pid");
        var source = new PidFileRootSource(path);
        _probe.Add(new FakeProcess(321, 1, "node", "node"));

        Assert.Equal($"pid file missing: {path}", source.Resolve(_probe.BeginSweep()).DownReason);

        File.WriteAllText(path, "321\n");
        Assert.Equal(321, source.Resolve(_probe.BeginSweep()).RootPid);

        File.WriteAllText(path, "not a pid");
        Assert.Equal($"pid file holds no pid: {path}", source.Resolve(_probe.BeginSweep()).DownReason);

        File.WriteAllText(path, "999");
        Assert.Equal($"no such pid 999 (from {path})", source.Resolve(_probe.BeginSweep()).DownReason);
    }

    [Fact]
    public void PidFileRootSource_PathIsAFifo_IsDownWithoutBlocking()
    {
        var path = Path.Combine(_dir, "server.pid");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path]))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var resolution = new PidFileRootSource(path).Resolve(_probe.BeginSweep());

        Assert.Equal($"pid file is not a regular file: {path}", resolution.DownReason);
    }

    [Fact]
    public void MatchRootSource_LaunchTreeMatchesTwice_TheTopmostIsTheRoot()
    {
        var source = new MatchRootSource(new Regex("server-everything"));
        _probe.Add(new FakeProcess(50, 1, "npx", "npm exec @modelcontextprotocol/server-everything", startTicks: 100));
        _probe.Add(new FakeProcess(51, 50, "node", "node /x/server-everything/dist/index.js", startTicks: 101));

        Assert.Equal(50, source.Resolve(_probe.BeginSweep()).RootPid);
    }

    [Fact]
    public void MatchRootSource_ServerRestarts_IsFoundAgainUnderItsNewPid()
    {
        var source = new MatchRootSource(new Regex("fastmcp"));
        _probe.Add(new FakeProcess(70, 1, "python3", "python3 -m fastmcp run", startTicks: 100));
        Assert.Equal(70, source.Resolve(_probe.BeginSweep()).RootPid);

        _probe.Kill(70);
        Assert.Equal("no process matches fastmcp", source.Resolve(_probe.BeginSweep()).DownReason);

        _probe.Add(new FakeProcess(90, 1, "python3", "python3 -m fastmcp run", startTicks: 900));
        Assert.Equal(90, source.Resolve(_probe.BeginSweep()).RootPid);
    }

    [Fact]
    public void MatchRootSource_UnrelatedMatches_TheOldestWins()
    {
        var source = new MatchRootSource(new Regex("mcp-server"));
        _probe.Add(new FakeProcess(80, 1, "mcp-server", "mcp-server b", startTicks: 500));
        _probe.Add(new FakeProcess(81, 1, "mcp-server", "mcp-server a", startTicks: 200));

        Assert.Equal(81, source.Resolve(_probe.BeginSweep()).RootPid);
    }
}
