using System.Net;
using System.Net.Sockets;
using McpOtelAgent.Probes.Linux;

namespace McpOtelAgent.Probes.Tests.Linux;

public sealed class InetSocketTableTests : IDisposable
{
    private readonly Socket _tcp4 = Listen(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp, IPAddress.Loopback);
    private readonly Socket _tcp6 = Listen(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp, IPAddress.IPv6Loopback);
    private readonly Socket _udp4 = Listen(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp, IPAddress.Loopback);
    private readonly Socket _udp6 = Listen(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp, IPAddress.IPv6Loopback);

    public void Dispose()
    {
        _tcp4.Dispose();
        _tcp6.Dispose();
        _udp4.Dispose();
        _udp6.Dispose();
    }

    [Theory]
    [InlineData(InetSocketTable.AfInet, InetSocketTable.IpProtoTcp, "tcp")]
    [InlineData(InetSocketTable.AfInet6, InetSocketTable.IpProtoTcp, "tcp6")]
    [InlineData(InetSocketTable.AfInet, InetSocketTable.IpProtoUdp, "udp")]
    [InlineData(InetSocketTable.AfInet6, InetSocketTable.IpProtoUdp, "udp6")]
    public void Netlink_And_ProcNetFile_BothSeeOurSocket(int family, int protocol, string file)
    {
        var table = new InetSocketTable(new ProcReader("/proc", maxOpenFds: 16), useNetlink: true);
        var socket = (family, protocol) switch
        {
            (InetSocketTable.AfInet, InetSocketTable.IpProtoTcp) => _tcp4,
            (InetSocketTable.AfInet6, InetSocketTable.IpProtoTcp) => _tcp6,
            (InetSocketTable.AfInet, _) => _udp4,
            _ => _udp6,
        };
        var inode = InodeOf(socket);
        var fromNetlink = new HashSet<ulong>();
        var fromFile = new HashSet<ulong>();

        Assert.True(table.TryDump(family, protocol, fromNetlink));
        Assert.True(table.TryReadFile(file, fromFile));

        Assert.Contains(inode, fromNetlink);
        Assert.Contains(inode, fromFile);
    }

    private static Socket Listen(AddressFamily family, SocketType type, ProtocolType protocol, IPAddress address)
    {
        var socket = new Socket(family, type, protocol);
        if (family == AddressFamily.InterNetworkV6)
        {
            socket.DualMode = false;
        }

        socket.Bind(new IPEndPoint(address, 0));
        if (type == SocketType.Stream)
        {
            socket.Listen();
        }

        return socket;
    }

    private static ulong InodeOf(Socket socket)
    {
        var target = new FileInfo($"/proc/self/fd/{socket.SafeHandle.DangerousGetHandle()}").LinkTarget!;
        return ulong.Parse(target["socket:[".Length..^1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
