namespace McpOtelAgent.Tests.Agent.Support;

/// <summary>
/// Tests that build the agent's host in this process run here: alone, after the parallel tests. A MeterProvider
/// listens to every Meter of its name in the process, not just its own host's, and a host that stops disposes its
/// meter, which drops the shared metric streams of every other host still running; so two in-process agents at
/// once corrupt each other's /metrics.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AgentHostCollection
{
    public const string Name = "in-process agent host";
}
