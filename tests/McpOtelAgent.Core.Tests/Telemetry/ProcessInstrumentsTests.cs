using McpOtelAgent.Configuration;
using McpOtelAgent.Core.Tests.Fakes;
using McpOtelAgent.Lifecycle;
using McpOtelAgent.Mcp;
using McpOtelAgent.Sampling;
using McpOtelAgent.Targets;
using McpOtelAgent.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace McpOtelAgent.Core.Tests.Telemetry;

/// <summary>
/// Alone, not in parallel: the MeterProvider listens to every Meter named McpOtelAgent in the process, so another
/// test's meter would add to, or on disposal drop, these streams.
/// </summary>
[CollectionDefinition(nameof(ProcessInstrumentsTests), DisableParallelization = true)]
[Collection(nameof(ProcessInstrumentsTests))]
public sealed class ProcessInstrumentsTests : IDisposable
{
    private readonly SamplerRig _rig = new(
        ("srv", new TargetOptions { Pid = 100 }),
        ("down", new TargetOptions { Pid = 999 }));

    private readonly ServiceProvider _services;
    private readonly MeterProvider _meterProvider;
    private readonly List<Metric> _exported = [];

    public ProcessInstrumentsTests()
    {
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meter = new AgentMeter(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), Options.Create(_rig.Options));
        _meterProvider = Sdk.CreateMeterProviderBuilder().AddMeter(AgentMeter.Name).AddInMemoryExporter(_exported).Build();
        _ = new ProcessInstruments(meter, _rig.Store, _rig.Registry, _rig.Errors);
    }

    public void Dispose()
    {
        _meterProvider.Dispose();
        _services.Dispose();
    }

    [Fact]
    public void Collect_TwoSweeps_ExportsExactValuesWithServerId()
    {
        var process = _rig.Probe.Add(new FakeProcess(100, 1, "node", "node server.js --api-key=s3cret")
        {
            UserTicks = 200,
            SystemTicks = 100,
            ResidentBytes = 64 * 1024 * 1024,
            Threads = 7,
            OpenFds = 12,
            Io = new(3, 4, 4096, 8192, 100, 200),
        });
        _rig.SweepAfter(0);
        process.UserTicks += 50;
        _rig.SweepAfter(1);

        Assert.Equal([2.5, 1.0], Points("process.cpu.time", "srv").Select(p => p.GetSumDouble()));
        Assert.Equal(["user", "system"], Points("process.cpu.time", "srv").Select(p => Tag(p, "cpu.mode")));
        Assert.Equal(0.25, Points("process.cpu.utilization", "srv").Single().GetGaugeLastValueDouble(), 9);
        Assert.Equal(64L * 1024 * 1024, Points("process.memory.usage", "srv").Single().GetSumLong());
        Assert.Equal(7L, Points("process.thread.count", "srv").Single().GetSumLong());
        Assert.Equal(12L, Points("process.unix.file_descriptor.count", "srv").Single().GetSumLong());
        Assert.Equal([4096L, 8192L], Points("process.disk.io", "srv").Select(p => p.GetSumLong()));
        Assert.Equal(1L, Points("mcp.server.up", "srv").Single().GetGaugeLastValueLong());
        Assert.Equal(0L, Points("mcp.server.up", "down").Single().GetGaugeLastValueLong());
        Assert.Empty(Points("process.memory.usage", "down"));

        var info = Points("mcp.server.info", "srv").Single();
        Assert.Equal("node server.js --api-key=***", Tag(info, "process.command_line"));
        Assert.Equal("node", Tag(info, "process.executable.name"));
        Assert.Equal("100", Tag(info, "process.pid"));
    }

    [Fact]
    public void Collect_FirstSweepOnly_NoCpuUtilizationMeasurement()
    {
        _rig.Probe.Add(new FakeProcess(100, 1, "node", "node"));
        _rig.SweepAfter(0);

        Assert.Empty(Points("process.cpu.utilization", "srv"));
        Assert.Single(Points("process.cpu.time", "srv"), p => Tag(p, "cpu.mode") == "user");
    }

    [Fact]
    public void Collect_RootExecsAnotherCommand_InfoShowsTheNewRedactedCommand()
    {
        _rig.Probe.Add(new FakeProcess(100, 1, "sh", "sh -c server.js"));
        _rig.SweepAfter(0);
        Assert.Equal("sh -c server.js", Tag(Points("mcp.server.info", "srv").Single(), "process.command_line"));

        // exec(2) keeps the pid and start time: the same ProcessKey with a new command line.
        _rig.Probe.Kill(100);
        _rig.Probe.Add(new FakeProcess(100, 1, "node", "node server.js --token s3cret"));
        _rig.SweepAfter(1);

        Assert.Equal("node server.js --token ***", Tag(Points("mcp.server.info", "srv").Single(), "process.command_line"));
    }

    [Fact]
    public void Collect_TargetRemoved_ItsSeriesVanish()
    {
        _rig.Probe.Add(new FakeProcess(100, 1, "node", "node"));
        _rig.SweepAfter(0);
        Assert.NotEmpty(Points("process.memory.usage", "srv"));

        _rig.Registry.Remove("srv");

        Assert.Empty(Points("process.memory.usage", "srv"));
        Assert.Empty(Points("mcp.server.up", "srv"));
    }

    [Fact]
    public void Collect_RemoteAndStoppedTargets_UpZeroOnlyForTheStoppedOne()
    {
        _rig.Registry.Add(new TargetDefinition("remote", new RemoteRootSource(new Uri("http://127.0.0.1:9/mcp")), IncludeChildren: false, TargetOrigin.Remote));
        var neverStarted = new ManagedServer(
            new McpServerDefinition { Id = "stopped", ConfigPath = "mcpServers:stopped", Transport = McpTransportKind.Stdio, Command = "node" },
            TimeProvider.System, NullLogger.Instance, static line => line);
        _rig.Registry.Add(new TargetDefinition("stopped", new ManagedRootSource(neverStarted), IncludeChildren: true, TargetOrigin.Managed));

        _rig.SweepAfter(0);

        Assert.Equal((TargetState.Remote, null), (_rig.Latest("remote").State, _rig.Latest("remote").DownReason));
        Assert.Empty(Points("mcp.server.up", "remote"));
        Assert.Equal(TargetState.Stopped, _rig.Latest("stopped").State);
        Assert.Equal(0L, Points("mcp.server.up", "stopped").Single().GetGaugeLastValueLong());
        Assert.Empty(Points("process.memory.usage", "stopped"));
    }

    private List<MetricPoint> Points(string metricName, string serverId)
    {
        _exported.Clear();
        _meterProvider.ForceFlush();
        var points = new List<MetricPoint>();
        foreach (var metric in _exported.Where(m => m.Name == metricName))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                if (Tag(point, "server_id") == serverId)
                {
                    points.Add(point);
                }
            }
        }

        return points;
    }

    private static string? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key)
            {
                return Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return null;
    }
}
