using System.Net;
using System.Net.Sockets;

namespace McpOtelAgent.Tests.Support;

internal static class FreePort
{
    /// <summary>A loopback port free right now (for tools that cannot be told to pick one themselves).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
