using System.Diagnostics;
using McpOtelAgent.Discovery;
using McpOtelAgent.Probes;
using McpOtelAgent.Tests.Lifecycle.Support;
using McpOtelAgent.Tests.Support;

namespace McpOtelAgent.Tests.Discovery;

/// <summary>Discovery over the real /proc probe, finding a real server-everything the agent did not start.</summary>
public sealed class DiscoveryScannerTests : IDisposable
{
    private readonly DiscoveryScanner _scanner = new(ProcessProbe.CreateForCurrentOs(), new McpProcessDetector(new DiscoveryOptions()));
    private readonly List<Process> _started = [];

    public void Dispose()
    {
        foreach (var process in _started)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            process.Dispose();
        }

        _scanner.Dispose();
    }

    [Fact]
    public async Task Scan_ServerLaunchedThroughAShell_ReportedOnceAsTheWrapper()
    {
        // The trailing exit keeps sh from exec'ing node: a wrapper and the real server, like an npx launch.
        var wrapper = Start("/bin/sh", "-c", "\"$0\" \"$1\" stdio --api-key=s3cret; exit $?", NpmFixtures.Node, NpmFixtures.ServerEverything);
        Assert.True(await Poll.TrueAsync(() => ProcFs.Tree(wrapper.Id).Count >= 2), "node child never appeared");
        var child = ProcFs.Tree(wrapper.Id)[1];

        var found = _scanner.Scan(_ => new Dictionary<int, string>());

        var server = Assert.Single(found, s => s.Pid == wrapper.Id || s.Pid == child);
        Assert.Equal(wrapper.Id, server.Pid);
        Assert.Equal(2, server.ProcessCount);
        Assert.Equal("server-everything", server.Name);
        Assert.Equal($"discovered-server-everything-{wrapper.Id}", server.ServerId);
        Assert.False(server.Monitored);
        Assert.Contains("--api-key=***", server.Command, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", server.Command, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_ServerStartedDirectly_ReportedWithItsOwnPid()
    {
        var node = Start(NpmFixtures.Node, NpmFixtures.ServerEverything, "stdio");
        Assert.True(await Poll.TrueAsync(() => ProcFs.Exists(node.Id)));

        var server = Assert.Single(_scanner.Scan(_ => new Dictionary<int, string>()), s => s.Pid == node.Id);

        Assert.Equal(1, server.ProcessCount);
        Assert.Equal("server-everything", server.Name);
    }

    [Fact]
    public async Task Scan_ChildAlreadyInATargetTree_ReportedAsMonitoredByThatTarget()
    {
        var wrapper = Start("/bin/sh", "-c", "\"$0\" \"$1\" stdio; exit $?", NpmFixtures.Node, NpmFixtures.ServerEverything);
        Assert.True(await Poll.TrueAsync(() => ProcFs.Tree(wrapper.Id).Count >= 2));
        var child = ProcFs.Tree(wrapper.Id)[1];

        var server = Assert.Single(_scanner.Scan(_ => new Dictionary<int, string> { [child] = "everything" }), s => s.Pid == wrapper.Id);

        Assert.True(server.Monitored);
        Assert.Equal("everything", server.ServerId);
    }

    private Process Start(string fileName, params string[] arguments)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _started.Add(process);
        return process;
    }
}
