using System.Net;
using System.Net.Sockets;

namespace McpOtelAgent.Tests.Lifecycle.Support;

internal static class Loopback
{
    /// <summary>Whether something accepts connections on 127.0.0.1:<paramref name="port"/> now.</summary>
    public static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
