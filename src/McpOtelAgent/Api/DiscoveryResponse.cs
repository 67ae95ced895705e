using McpOtelAgent.Discovery;

namespace McpOtelAgent.Api;

/// <summary>
/// <c>GET /api/v1/discovery</c>: the latest scan and when it ran. With <c>Agent:Discovery:Enabled</c> false nothing is
/// scanned: <c>enabled</c> is false, <c>scannedAt</c> null and the list empty, which a client tells from "no servers".
/// </summary>
internal sealed record DiscoveryResponse(bool Enabled, DateTimeOffset? ScannedAt, double IntervalSeconds, DiscoveredServerResponse[] Servers)
{
    public static DiscoveryResponse From(DiscoveryService discovery)
    {
        if (!discovery.Enabled)
        {
            return new DiscoveryResponse(false, null, discovery.Interval.TotalSeconds, []);
        }

        var scan = discovery.Latest();
        return new DiscoveryResponse(true, scan.ScannedAt, discovery.Interval.TotalSeconds, [.. scan.Servers.Select(DiscoveredServerResponse.From)]);
    }
}
