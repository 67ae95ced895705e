using System.Globalization;
using McpOtelAgent.Configuration;
using McpOtelAgent.Core.Tests.Fakes;
using McpOtelAgent.Probes;
using McpOtelAgent.Sampling;

namespace McpOtelAgent.Core.Tests.Sampling;

public sealed class TargetSamplerTests
{
    [Fact]
    public void SampleAll_FirstSample_HasNoCpuPercent()
    {
        var rig = new SamplerRig(("srv", new TargetOptions { Pid = 100 }));
        rig.Probe.Add(new FakeProcess(100, 1, "node", "node server.js") { UserTicks = 500 });

        rig.SweepAfter(0);

        var sample = rig.Latest("srv");
        Assert.Equal(TargetState.Up, sample.State);
        Assert.Null(sample.CpuPercent);
        Assert.Null(sample.CpuUtilization);
        Assert.Equal(5.0, sample.CpuUserSeconds, 9);
    }

    [Fact]
    public void SampleAll_LatestListsSamplesInTheOrderTheyWereTaken()
    {
        // Ids that sort differently by ordinal, by number and by case, registered in none of those orders.
        var rig = new SamplerRig(
            ("b", new TargetOptions { Pid = 101 }),
            ("a10", new TargetOptions { Pid = 102 }),
            ("a2", new TargetOptions { Pid = 103 }),
            ("C", new TargetOptions { Pid = 104 }));
        var ids = new Dictionary<int, string> { [101] = "b", [102] = "a10", [103] = "a2", [104] = "C" };
        foreach (var pid in ids.Keys)
        {
            rig.Probe.Add(new FakeProcess(pid, 1, "node", "node server.js"));
        }

        rig.SweepAfter(0);

        var sampled = rig.Probe.Calls.Where(static c => c.StartsWith("read ", StringComparison.Ordinal))
            .Select(c => ids[int.Parse(c["read ".Length..], CultureInfo.InvariantCulture)]);
        Assert.Equal(["C", "a10", "a2", "b"], sampled);
        Assert.Equal(sampled, rig.Store.Latest.Select(static s => s.ServerId));
    }

    [Fact]
    public void SampleAll_SecondSample_CpuPercentIsDeltaCpuOverDeltaWall()
    {
        var rig = new SamplerRig(("srv", new TargetOptions { Pid = 100 }));
        var process = rig.Probe.Add(new FakeProcess(100, 1, "node", "node server.js"));
        rig.SweepAfter(0);

        // 150 ticks (1.5 s) of user time and 50 ticks of system time in 2 s of wall time: 100 % of one CPU.
        process.UserTicks += 150;
        process.SystemTicks += 50;
        rig.SweepAfter(2);

        var sample = rig.Latest("srv");
        Assert.Equal(100.0, sample.CpuPercent!.Value, 9);
        Assert.Equal(0.5, sample.CpuUtilization!.Value, 9); // two CPUs available
        Assert.Equal(1.5, sample.CpuUserSeconds, 9);
        Assert.Equal(0.5, sample.CpuSystemSeconds, 9);
    }

    [Fact]
    public void SampleAll_TreeWithChildren_SumsOverTheTree()
    {
        var rig = new SamplerRig(("srv", new TargetOptions { Pid = 100 }));
        rig.Probe.Add(new FakeProcess(100, 1, "npx", "npx server") { ResidentBytes = 1000, Threads = 2, OpenFds = 3 });
        rig.Probe.Add(new FakeProcess(101, 100, "node", "node server") { ResidentBytes = 2000, Threads = 5, OpenFds = 7 });
        rig.Probe.Add(new FakeProcess(102, 101, "sh", "sh -c x") { ResidentBytes = 4000, Threads = 1, OpenFds = 1 });
        rig.Probe.Add(new FakeProcess(200, 1, "other", "other") { ResidentBytes = 99999 });

        rig.SweepAfter(0);

        var sample = rig.Latest("srv");
        Assert.Equal(3, sample.ProcessCount);
        Assert.Equal(7000UL, sample.ResidentMemoryBytes);
        Assert.Equal(8, sample.ThreadCount);
        Assert.Equal(11, sample.OpenFileDescriptors);
        Assert.Equal(100, sample.Root!.Pid);
    }

    [Fact]
    public void SampleAll_TwoTargets_FindsEveryRootBeforeReadingAnyTarget()
    {
        // The sweep reads a root's CPU ticks when its key is asked: all of them first keeps that a steady moment of the
        // sweep, whatever the targets read before take.
        var rig = new SamplerRig(("a", new TargetOptions { Pid = 100, IncludeChildren = false }), ("b", new TargetOptions { Pid = 200, IncludeChildren = false }));
        rig.Probe.Add(new FakeProcess(100, 1, "node", "node a"));
        rig.Probe.Add(new FakeProcess(200, 1, "node", "node b"));

        rig.SweepAfter(0);

        var firstRead = rig.Probe.Calls.FindIndex(c => c.StartsWith("read", StringComparison.Ordinal));
        Assert.Contains("key 100", rig.Probe.Calls[..firstRead]);
        Assert.Contains("key 200", rig.Probe.Calls[..firstRead]);
    }

    [Fact]
    public void SampleAll_IncludeChildrenFalse_ReadsTheRootOnly()
    {
        var rig = new SamplerRig(("srv", new TargetOptions { Pid = 100, IncludeChildren = false }));
        rig.Probe.Add(new FakeProcess(100, 1, "npx", "npx server") { ResidentBytes = 1000 });
        rig.Probe.Add(new FakeProcess(101, 100, "node", "node server") { ResidentBytes = 2000 });

        rig.SweepAfter(0);

        Assert.Equal(1, rig.Latest("srv").ProcessCount);
        Assert.Equal(1000UL, rig.Latest("srv").ResidentMemoryBytes);
    }

    [Fact]
    public void SampleAll_ChildExits_CpuTimeTotalNeverDrops()
    {
        var rig = new SamplerRig(("srv", new TargetOptions { Pid = 100 }));
        var root = rig.Probe.Add(new FakeProcess(100, 1, "npx", "npx server") { UserTicks = 100 });
        var child = rig.Probe.Add(new FakeProcess(101, 100, "node", "node server") { UserTicks = 300 });
        rig.SweepAfter(0);
        Assert.Equal(4.0, rig.Latest("srv").CpuUserSeconds, 9);

        child.UserTicks += 100;
        root.UserTicks += 10;
        rig.SweepAfter(1);
        Assert.Equal(5.1, rig.Latest("srv").CpuUserSeconds, 9);

        rig.Probe.Kill(101);
        root.UserTicks += 10;
        rig.SweepAfter(1);

        var sample = rig.Latest("srv");
        Assert.Equal(5.2, sample.CpuUserSeconds, 9);
        Assert.Equal(10.0, sample.CpuPercent!.Value, 9);
    }

    [Fact]
    public void SampleAll_ChildBornBetweenSweeps_CountsAllOfItsCpu()
    {
        var rig = new SamplerRig(("srv", new TargetOptions { Pid = 100 }));
        rig.Probe.Add(new FakeProcess(100, 1, "sh", "sh run.sh"));
        rig.SweepAfter(0);

        // Started 0.5 s after the first sweep (start ticks are since boot, 100 per second) and used 1 s of CPU.
        var bornAt = (ulong)((rig.Probe.Now.AddSeconds(0.5) - FakeProcessProbe.Boot).TotalSeconds * 100);
        rig.Probe.Add(new FakeProcess(101, 100, "node", "node x", bornAt) { UserTicks = 100 });
        rig.SweepAfter(2);

        Assert.Equal(50.0, rig.Latest("srv").CpuPercent!.Value, 9);
    }

    [Fact]
    public void SampleAll_TargetWithoutProcess_IsDownWithReasonAndNeverDropped()
    {
        var rig = new SamplerRig(("gone", new TargetOptions { Pid = 4242 }));

        rig.SweepAfter(0);

        var sample = rig.Latest("gone");
        Assert.Equal(TargetState.Down, sample.State);
        Assert.Equal("no such pid 4242", sample.DownReason);
        Assert.True(rig.Registry.Contains("gone"));
    }

    [Fact]
    public void SampleAll_OneTargetThrows_OthersAreStillSampled()
    {
        var rig = new SamplerRig(("a-broken", new TargetOptions { Pid = 100 }), ("b-fine", new TargetOptions { Pid = 200 }));
        rig.Probe.Add(new FakeProcess(100, 1, "bad", "bad") { Throws = true });
        rig.Probe.Add(new FakeProcess(200, 1, "good", "good"));

        rig.SweepAfter(0);

        Assert.Equal(TargetState.Down, rig.Latest("a-broken").State);
        Assert.StartsWith("sampling failed", rig.Latest("a-broken").DownReason, StringComparison.Ordinal);
        Assert.Equal(TargetState.Up, rig.Latest("b-fine").State);
        Assert.Equal(1, rig.Errors.Get("a-broken", "exception"));
    }

    [Fact]
    public void SampleAll_ProbeOutcomes_AreCountedByReason()
    {
        var rig = new SamplerRig(("partial", new TargetOptions { Pid = 100 }), ("denied", new TargetOptions { Pid = 200 }));
        rig.Probe.Add(new FakeProcess(100, 1, "a", "a") { Outcome = ProbeOutcome.Partial });
        rig.Probe.Add(new FakeProcess(200, 1, "b", "b") { Outcome = ProbeOutcome.Denied });

        rig.SweepAfter(0);
        rig.SweepAfter(1);

        Assert.Equal(2, rig.Errors.Get("partial", "partial"));
        Assert.Equal(ProbeParts.Io, rig.Latest("partial").MissingParts);
        Assert.Equal(2, rig.Errors.Get("denied", "denied"));
        Assert.Equal("permission denied reading pid 200", rig.Latest("denied").DownReason);
    }

    [Fact]
    public void SampleAll_RootRestarted_NoCpuPercentForTheNewProcessButTotalKeepsGrowing()
    {
        var rig = new SamplerRig(("srv", new TargetOptions { Match = "my-server" }));
        rig.Probe.Add(new FakeProcess(100, 1, "node", "node my-server", startTicks: 1000) { UserTicks = 200 });
        rig.SweepAfter(0);

        rig.Probe.Kill(100);
        rig.SweepAfter(1);
        Assert.Equal(TargetState.Down, rig.Latest("srv").State);

        var bornAt = (ulong)((rig.Probe.Now.AddSeconds(0.5) - FakeProcessProbe.Boot).TotalSeconds * 100);
        rig.Probe.Add(new FakeProcess(300, 1, "node", "node my-server", bornAt) { UserTicks = 50 });
        rig.SweepAfter(1);

        var sample = rig.Latest("srv");
        Assert.Equal(TargetState.Up, sample.State);
        Assert.Equal(300, sample.Root!.Pid);
        Assert.Null(sample.CpuPercent);
        Assert.Equal(2.5, sample.CpuUserSeconds, 9);
    }

    [Fact]
    public void SampleAll_RemovedTarget_LeavesTheStore()
    {
        var rig = new SamplerRig(("srv", new TargetOptions { Pid = 100 }));
        rig.Probe.Add(new FakeProcess(100, 1, "node", "node"));
        rig.SweepAfter(0);

        Assert.True(rig.Registry.Remove("srv"));
        rig.SweepAfter(1);

        Assert.False(rig.Store.TryGet("srv", out _));
        Assert.Null(rig.Store.GetTrends("srv"));
    }

    [Fact]
    public void SampleAll_WithinTheDetailsInterval_LetsTheProbeReuseTheDetails()
    {
        var rig = new SamplerRig(
            static o => (o.MonitoringIntervalSeconds, o.DetailsIntervalSeconds) = (5, 15), ("srv", new TargetOptions { Pid = 100 }));
        rig.Probe.Add(new FakeProcess(100, 1, "node", "node server.js"));

        // Every third sweep, however late a tick fires and even when the clock steps back.
        foreach (var seconds in new[] { 0.0, 5.2, 4.9, 5.3, -60, 5, 5 })
        {
            rig.SweepAfter(seconds);
        }

        Assert.Equal(
            [ProbeParts.None, ProbeParts.Details, ProbeParts.Details, ProbeParts.None, ProbeParts.Details, ProbeParts.Details, ProbeParts.None],
            rig.Probe.Reuses);
    }

    [Fact]
    public void SampleAll_DetailsIntervalZero_ReadsTheDetailsEverySample()
    {
        var rig = new SamplerRig(static o => o.DetailsIntervalSeconds = 0, ("srv", new TargetOptions { Pid = 100 }));
        rig.Probe.Add(new FakeProcess(100, 1, "node", "node server.js"));

        rig.SweepAfter(0);
        rig.SweepAfter(1);
        rig.SweepAfter(1);

        Assert.All(rig.Probe.Reuses, static reuse => Assert.Equal(ProbeParts.None, reuse));
    }
}
