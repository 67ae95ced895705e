using McpOtelAgent.Configuration;
using McpOtelAgent.Sampling;
using McpOtelAgent.Targets;
using Microsoft.Extensions.Options;

namespace McpOtelAgent.Core.Tests.Targets;

public sealed class TargetRegistryTests
{
    [Fact]
    public void Constructor_DefaultOptions_MonitorsTheAgentItselfRootOnly()
    {
        var registry = new TargetRegistry(Options.Create(new AgentOptions()), new SampleStore(10));

        Assert.True(registry.TryGet("mcp-otel-agent", out var self));
        Assert.Equal(TargetOrigin.Self, self.Origin);
        Assert.False(self.IncludeChildren);
    }

    [Fact]
    public void Add_ExistingIdOrFull_IsRefused()
    {
        var options = new AgentOptions { MaxTargets = 2, Servers = { ["a"] = new TargetOptions { Pid = 1 } } };
        var registry = new TargetRegistry(Options.Create(options), new SampleStore(10));

        Assert.Equal(TargetAddResult.Exists, registry.Add(Target("a")));
        Assert.Equal(TargetAddResult.Full, registry.Add(Target("b")));
        Assert.True(registry.Remove("a"));
        Assert.Equal(TargetAddResult.Added, registry.Add(Target("b")));
        Assert.Equal(["b", "mcp-otel-agent"], registry.Snapshot().Select(t => t.ServerId));
    }

    private static TargetDefinition Target(string id) => new(id, new PidRootSource(1), true, TargetOrigin.Api);
}
