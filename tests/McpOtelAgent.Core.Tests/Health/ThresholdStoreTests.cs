using McpOtelAgent.Configuration;
using McpOtelAgent.Health;
using McpOtelAgent.Sampling;
using McpOtelAgent.Targets;
using Microsoft.Extensions.Options;

namespace McpOtelAgent.Core.Tests.Health;

public class ThresholdStoreTests
{
    private static ThresholdStore Store(Action<HealthOptions>? configure = null) => new(Options.Create(Samples.Options(configure)));

    [Fact]
    public void GetAll_NoSettings_SeedDefaultsWithDocumentedCriticalSteps()
    {
        var all = Store().GetAll().ToDictionary(t => t.Name, t => (t.Warning, t.Critical));

        Assert.Equal((80, 95), all[ThresholdNames.CpuPercent]);
        Assert.Equal((85, 95), all[ThresholdNames.MemoryPercent]);
        Assert.Equal((1024, 2048), all[ThresholdNames.MemoryMb]);
        Assert.Equal((1000, 2000), all[ThresholdNames.FileDescriptors]);
        Assert.Equal((100, 200), all[ThresholdNames.ThreadCount]);
        Assert.Equal(0.8, all[ThresholdNames.FdUsageRatio].Warning);
        Assert.Equal(0.95, all[ThresholdNames.FdUsageRatio].Critical, 9);
    }

    [Fact]
    public void Get_NoForSet_TwoHealthCheckIntervals()
    {
        var store = Store(o => o.CheckInterval = TimeSpan.FromSeconds(10));

        Assert.Equal(TimeSpan.FromSeconds(20), store.Get(ThresholdNames.CpuPercent).For);
    }

    [Fact]
    public void Get_ServerOverrideOfWarningOnly_CriticalStepsFromServerWarningAndOtherServersKeepGlobal()
    {
        var store = Store(o =>
        {
            o.Thresholds["CPU_PERCENT"] = new ThresholdOptions { Warning = 50, Critical = 60, ForSeconds = 5 };
            o.Servers["fs"] = new ServerHealthOptions { Thresholds = { [ThresholdNames.CpuPercent] = new ThresholdOptions { Warning = 90 } } };
        });

        Assert.Equal(new Threshold(ThresholdNames.CpuPercent, 90, 105, TimeSpan.FromSeconds(5)), store.Get(ThresholdNames.CpuPercent, "fs"));
        Assert.Equal(new Threshold(ThresholdNames.CpuPercent, 50, 60, TimeSpan.FromSeconds(5)), store.Get(ThresholdNames.CpuPercent, "memory"));
    }

    [Fact]
    public void OnTargetRemoved_RunTimeOverrides_DroppedAndConfiguredOnesRestored()
    {
        var store = Store(o => o.Servers["fs"] = new ServerHealthOptions { Thresholds = { ["MEMORY_MB"] = new ThresholdOptions { Warning = 2048 } } });
        Assert.Empty(store.SetForServer("fs", ThresholdNames.MemoryMb, new ThresholdOptions { Warning = 4096 }));
        Assert.Empty(store.SetForServer("fs", ThresholdNames.CpuPercent, new ThresholdOptions { Warning = 50 }));
        Assert.Empty(store.SetForServer("wrapped", ThresholdNames.CpuPercent, new ThresholdOptions { Warning = 50 }));

        store.OnTargetRemoved("fs");
        store.OnTargetRemoved("wrapped");

        Assert.Equal(["fs"], store.ServersWithOverrides());
        Assert.Equal((2048, 80), (store.Get(ThresholdNames.MemoryMb, "fs").Warning, store.Get(ThresholdNames.CpuPercent, "fs").Warning));
        Assert.Equal(80, store.Get(ThresholdNames.CpuPercent, "wrapped").Warning);
    }

    [Fact]
    public void SetForServer_ServerRemovedBeforeTheWrite_KeepsNoOverride()
    {
        var options = new AgentOptions();
        options.Servers["fs"] = new TargetOptions { Pid = Environment.ProcessId };
        var registry = new TargetRegistry(Options.Create(options), new SampleStore(10));
        var store = new ThresholdStore(Options.Create(Samples.Options()), registry);

        // What a PUT that checked the server before a DELETE went through looks like to the store.
        registry.Remove("fs");
        Assert.Empty(store.SetForServer("fs", ThresholdNames.CpuPercent, new ThresholdOptions { Warning = 50 }));

        Assert.Empty(store.ServersWithOverrides());
        Assert.Equal(80, store.Get(ThresholdNames.CpuPercent, "fs").Warning);
    }

    [Fact]
    public void SetGlobal_Valid_ChangesEffectiveValueAtRunTime()
    {
        var store = Store();

        var problems = store.SetGlobal("memory_mb", new ThresholdOptions { Warning = 512 });

        Assert.Empty(problems);
        Assert.Equal((512, 1024), (store.Get(ThresholdNames.MemoryMb).Warning, store.Get(ThresholdNames.MemoryMb).Critical));
    }

    [Fact]
    public void SetForServer_CriticalBelowInheritedWarning_RejectedAndUnchanged()
    {
        var store = Store();

        var problems = store.SetForServer("fs", ThresholdNames.CpuPercent, new ThresholdOptions { Critical = 50 });

        var problem = Assert.Single(problems);
        Assert.Equal("Critical", problem.Field);
        Assert.Equal(95, store.Get(ThresholdNames.CpuPercent, "fs").Critical);
    }

    [Fact]
    public void SetGlobal_EveryFieldInvalid_EveryProblemNamed()
    {
        var problems = Store().SetGlobal(ThresholdNames.ThreadCount, new ThresholdOptions { Warning = -1, Critical = double.NaN, ForSeconds = -1 });

        Assert.Equal(["Warning", "Critical", "ForSeconds"], problems.Select(p => p.Field));
    }

    [Fact]
    public void SetForServer_EmptySetting_RemovesOverride()
    {
        var store = Store();
        store.SetForServer("fs", ThresholdNames.ThreadCount, new ThresholdOptions { Warning = 10 });

        store.SetForServer("fs", ThresholdNames.ThreadCount, new ThresholdOptions());

        Assert.Equal(100, store.Get(ThresholdNames.ThreadCount, "fs").Warning);
    }

    [Fact]
    public void Get_GlobalWarningRaisedAboveOlderServerCritical_CriticalNeverBelowWarning()
    {
        var store = Store();
        store.SetForServer("fs", ThresholdNames.CpuPercent, new ThresholdOptions { Critical = 85 });

        store.SetGlobal(ThresholdNames.CpuPercent, new ThresholdOptions { Warning = 90 });

        var effective = store.Get(ThresholdNames.CpuPercent, "fs");
        Assert.Equal((90, 90), (effective.Warning, effective.Critical));
    }
}
