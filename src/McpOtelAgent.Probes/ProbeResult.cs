namespace McpOtelAgent.Probes;

/// <summary>The outcome of reading one process: a snapshot when anything could be read, and what is missing.</summary>
internal readonly record struct ProbeResult(
    ProbeOutcome Outcome,
    ProcessSnapshot? Snapshot,
    ProbeParts MissingParts,
    string? Error)
{
    public static ProbeResult Gone(string? reason = null) => new(ProbeOutcome.Gone, null, ProbeParts.None, reason);

    public static ProbeResult Malformed(string error) => new(ProbeOutcome.Malformed, null, ProbeParts.None, error);

    public bool HasSnapshot => Snapshot is not null;
}
