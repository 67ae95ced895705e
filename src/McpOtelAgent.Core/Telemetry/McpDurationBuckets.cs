namespace McpOtelAgent.Telemetry;

/// <summary>
/// Explicit bucket boundaries, in seconds, that the MCP semantic conventions advise for operation-duration
/// histograms; shared by the protocol probe and the wrapper so their histograms line up on one dashboard.
/// </summary>
internal static class McpDurationBuckets
{
    public static readonly IReadOnlyList<double> Seconds = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300];
}
