namespace McpOtelAgent.Probes;

/// <summary>
/// The outcome of reading one process: a snapshot when anything could be read, and what is missing. A malformed
/// <c>stat</c> gives no snapshot; a malformed other file gives <see cref="ProbeOutcome.Malformed"/> with the snapshot of
/// everything else, that part in <see cref="MissingParts"/> and <see cref="Error"/> naming the file.
/// </summary>
internal readonly record struct ProbeResult(
    ProbeOutcome Outcome,
    ProcessSnapshot? Snapshot,
    ProbeParts MissingParts,
    string? Error)
{
    public static ProbeResult Gone(string? reason = null) => new(ProbeOutcome.Gone, null, ProbeParts.None, reason);

    /// <summary>Nothing beyond identity could be read for lack of permission; the error names what was refused.</summary>
    public static ProbeResult Denied(string error) => new(ProbeOutcome.Denied, null, ProbeParts.None, error);

    public static ProbeResult Malformed(string error) => new(ProbeOutcome.Malformed, null, ProbeParts.None, error);

    public bool HasSnapshot => Snapshot is not null;
}
