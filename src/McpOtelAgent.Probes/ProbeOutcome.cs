namespace McpOtelAgent.Probes;

/// <summary>How a read of one process went. Every expected outcome is a value; none of them is an exception.</summary>
internal enum ProbeOutcome
{
    /// <summary>Every requested part was read.</summary>
    Ok = 0,

    /// <summary>Some parts could not be read (see <see cref="ProbeResult.MissingParts"/>); the rest is valid.</summary>
    Partial,

    /// <summary>Nothing beyond identity could be read for lack of permission.</summary>
    Denied,

    /// <summary>The process exited, or its pid now belongs to another process (start time differs).</summary>
    Gone,

    /// <summary>A /proc file had content that could not be parsed; <see cref="ProbeResult.Error"/> names the file.</summary>
    Malformed,
}
