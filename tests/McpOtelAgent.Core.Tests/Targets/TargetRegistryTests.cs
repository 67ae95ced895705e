using McpOtelAgent.Configuration;
using McpOtelAgent.Mcp;
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

    [Fact]
    public void Detach_ConfiguredOrSelfTarget_IsRefusedAndStays()
    {
        var options = new AgentOptions { Servers = { ["a"] = new TargetOptions { Pid = 1 } } };
        var registry = new TargetRegistry(Options.Create(options), new SampleStore(10));

        Assert.Equal(TargetDetachResult.NotDetachable, registry.Detach("a"));
        Assert.Equal(TargetDetachResult.NotDetachable, registry.Detach("mcp-otel-agent"));
        Assert.Equal(TargetDetachResult.NotFound, registry.Detach("nope"));
        Assert.True(registry.Contains("a"));
        Assert.True(registry.Contains("mcp-otel-agent"));
    }

    [Fact]
    public void Detach_RemoteTarget_IsRefusedAndStays()
    {
        var registry = new TargetRegistry(Options.Create(new AgentOptions()), new SampleStore(10));
        registry.Add(new TargetDefinition("remote", new RemoteRootSource(new Uri("http://127.0.0.1:9/mcp")), false, TargetOrigin.Remote));

        Assert.Equal(TargetDetachResult.NotDetachable, registry.Detach("remote"));
        Assert.True(registry.Contains("remote"));
    }

    [Fact]
    public void Detach_DiscoveredTarget_IsRemovedAndRemembered()
    {
        var registry = new TargetRegistry(Options.Create(new AgentOptions()), new SampleStore(10));
        registry.Add(new TargetDefinition("fs-42", new PidRootSource(42), true, TargetOrigin.Discovered));
        registry.Add(Target("api"));

        Assert.Equal(TargetDetachResult.Detached, registry.Detach("fs-42"));
        Assert.Equal(TargetDetachResult.Detached, registry.Detach("api"));
        Assert.False(registry.Contains("fs-42"));
        Assert.True(registry.IsDetached("fs-42"));
        Assert.False(registry.IsDetached("api"));
    }

    private static TargetDefinition Target(string id) => new(id, new PidRootSource(1), true, TargetOrigin.Api);
}
