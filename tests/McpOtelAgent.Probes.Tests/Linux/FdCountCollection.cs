namespace McpOtelAgent.Probes.Tests.Linux;

/// <summary>Tests that count this process's open descriptors run alone: other tests' probes hold /proc files too.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FdCountCollection
{
    public const string Name = "fd count";
}
