namespace McpOtelAgent.Tests.Agent.Support;

/// <summary>
/// Tests that run the agent host in this process and read its metrics run alone, after everything else: every host's
/// MeterProvider listens to every meter named McpOtelAgent in the process, so a host disposed by a test running in
/// parallel ends the shared metric streams of the others (OpenTelemetry .NET 1.20 marks a metric done when any of its
/// duplicate instruments is disposed) and their series vanish from /metrics.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AgentHostCollection
{
    public const string Name = "agent host, alone";
}
