namespace McpOtelAgent.Telemetry;

/// <summary>Explicit histogram bucket boundaries, in seconds, for the MCP duration histograms.</summary>
internal static class McpDurationBuckets
{
    /// <summary>
    /// What the MCP semantic conventions advise for operation durations; shared by the protocol probe and the wrapper
    /// so their histograms line up on one dashboard.
    /// </summary>
    public static readonly IReadOnlyList<double> Seconds = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300];

    /// <summary>
    /// For sessions: a probe session lasts as long as the server's process or its HTTP session, from seconds (a server
    /// that keeps dying) to days, where the operation buckets would put nearly every session past 300 s.
    /// </summary>
    public static readonly IReadOnlyList<double> SessionSeconds = [1, 10, 60, 300, 900, 1800, 3600, 7200, 21600, 43200, 86400, 259200, 604800];
}
