using System.Net;
using System.Net.Sockets;

namespace McpOtelAgent.Tests.Assets.Support;

internal static class FreePort
{
    /// <summary>A loopback port free right now (the kernel's pick); the caller binds it next.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
