using McpOtelAgent.Configuration;
using McpOtelAgent.Core.Tests.Fakes;
using McpOtelAgent.Sampling;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace McpOtelAgent.Core.Tests.Sampling;

public sealed class SamplingServiceTests
{
    [Fact]
    public async Task ExecuteAsync_EachInterval_SweepsOnce()
    {
        var rig = new SamplerRig(("srv", new TargetOptions { Pid = 100 }));
        rig.Probe.Add(new FakeProcess(100, 1, "node", "node"));
        var time = new FakeTimeProvider();
        var options = Options.Create(new AgentOptions { MonitoringIntervalSeconds = 5 });
        using var service = new SamplingService(rig.Sampler, options, time, NullLogger<SamplingService>.Instance);

        await service.StartAsync(CancellationToken.None);
        await WaitForSweeps(rig, 1);

        time.Advance(TimeSpan.FromSeconds(5));
        await WaitForSweeps(rig, 2);
        time.Advance(TimeSpan.FromSeconds(5));
        await WaitForSweeps(rig, 3);

        await service.StopAsync(CancellationToken.None);
        Assert.Equal(3, rig.Probe.Sweeps);
    }

    /// <summary>The loop runs on the thread pool: wait (bounded) for it to catch up with the fake clock.</summary>
    private static async Task WaitForSweeps(SamplerRig rig, int count)
    {
        for (var i = 0; i < 500 && rig.Probe.Sweeps < count; i++)
        {
            await Task.Delay(10);
        }

        Assert.Equal(count, rig.Probe.Sweeps);
    }
}
