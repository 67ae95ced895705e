using McpOtelAgent.Configuration;
using McpOtelAgent.Sampling;
using McpOtelAgent.Targets;
using Microsoft.Extensions.Logging.Abstractions;

namespace McpOtelAgent.Core.Tests.Fakes;

/// <summary>A sampler over a fake process table, with the registry, store and error counts it publishes to.</summary>
internal sealed class SamplerRig
{
    public SamplerRig(params (string Id, TargetOptions Target)[] servers)
        : this(static _ => { }, servers)
    {
    }

    public SamplerRig(Action<AgentOptions> configure, params (string Id, TargetOptions Target)[] servers)
    {
        var options = new AgentOptions { SelfMonitoring = { Enabled = false } };
        configure(options);
        foreach (var (id, target) in servers)
        {
            options.Servers[id] = target;
        }

        Options = options;
        Store = new SampleStore(options.TrendWindowSize);
        Registry = new TargetRegistry(Microsoft.Extensions.Options.Options.Create(options), Store);
        Sampler = new TargetSampler(Probe, Registry, Store, Errors, Microsoft.Extensions.Options.Options.Create(options), NullLogger<TargetSampler>.Instance);
    }

    public AgentOptions Options { get; }

    public FakeProcessProbe Probe { get; } = new();

    public SampleStore Store { get; }

    public TargetRegistry Registry { get; }

    public ProbeErrorCounts Errors { get; } = new();

    public TargetSampler Sampler { get; }

    /// <summary>Moves the clock by <paramref name="seconds"/> and sweeps.</summary>
    public void SweepAfter(double seconds)
    {
        Probe.Now = Probe.Now.AddSeconds(seconds);
        Sampler.SampleAll();
    }

    public TargetSample Latest(string id) =>
        Store.TryGet(id, out var sample) ? sample : throw new Xunit.Sdk.XunitException($"no sample for {id}");
}
