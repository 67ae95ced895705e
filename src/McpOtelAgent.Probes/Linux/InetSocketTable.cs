using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace McpOtelAgent.Probes.Linux;

/// <summary>
/// The inodes of every TCP and UDP socket, IPv4 and IPv6, of the agent's network namespace: what psutil's
/// <c>connections('inet')</c> matches a process's <c>socket:[inode]</c> fds against. Built once per sweep and only
/// when asked for. On the live /proc it comes from a netlink sock_diag dump (~0.5 ms for all four tables); reading
/// <c>/proc/net/tcp</c> walks a 262,144-bucket hash (~4 ms per file here), so the files are only the fallback, and the
/// source under a fixture root.
/// </summary>
internal sealed unsafe class InetSocketTable(ProcReader reader, bool useNetlink)
{
    private const int AfNetlink = 16;
    internal const int AfInet = 2;
    internal const int AfInet6 = 10;
    internal const int IpProtoTcp = 6;
    internal const int IpProtoUdp = 17;
    private const int SockDgram = 2;
    private const int SockCloExec = 0x80000;
    private const int NetlinkSockDiag = 4;
    private const ushort SockDiagByFamily = 20;
    private const ushort NlmFRequest = 0x1;
    private const ushort NlmFDump = 0x300;
    private const ushort NlmsgError = 2;
    private const ushort NlmsgDone = 3;
    private const int NlmsgHeaderLength = 16;

    /// <summary>Offset of <c>idiag_inode</c> in <c>struct inet_diag_msg</c> (linux/inet_diag.h).</summary>
    private const int InodeOffset = 68;

    private readonly byte[] _receiveBuffer = new byte[32768];
    private readonly byte[] _fileBuffer = new byte[65536];
    private uint _sequence;

    /// <summary>Fills <paramref name="into"/> with every inet socket inode; false when no source could be read.</summary>
    public bool Collect(HashSet<ulong> into)
    {
        var ok = true;
        ok &= CollectOne(AfInet, IpProtoTcp, "tcp", into);
        ok &= CollectOne(AfInet6, IpProtoTcp, "tcp6", into);
        ok &= CollectOne(AfInet, IpProtoUdp, "udp", into);
        ok &= CollectOne(AfInet6, IpProtoUdp, "udp6", into);
        return ok;
    }

    private bool CollectOne(int family, int protocol, string fileName, HashSet<ulong> into) =>
        (useNetlink && TryDump(family, protocol, into)) || TryReadFile(fileName, into);

    /// <summary>One netlink sock_diag dump of one family and protocol; false (and nothing added) when it fails.</summary>
    internal bool TryDump(int family, int protocol, HashSet<ulong> into)
    {
        var fd = LibC.socket(AfNetlink, SockDgram | SockCloExec, NetlinkSockDiag);
        if (fd < 0)
        {
            return false;
        }

        try
        {
            // nlmsghdr (16 bytes) + inet_diag_req_v2 (56 bytes): every state, no extensions, any socket id.
            var request = stackalloc byte[72];
            new Span<byte>(request, 72).Clear();
            var span = new Span<byte>(request, 72);
            BinaryPrimitives.WriteUInt32LittleEndian(span, 72);
            BinaryPrimitives.WriteUInt16LittleEndian(span[4..], SockDiagByFamily);
            BinaryPrimitives.WriteUInt16LittleEndian(span[6..], NlmFRequest | NlmFDump);
            BinaryPrimitives.WriteUInt32LittleEndian(span[8..], ++_sequence);
            span[16] = (byte)family;
            span[17] = (byte)protocol;
            BinaryPrimitives.WriteUInt32LittleEndian(span[20..], 0xFFFFFFFF);
            if (LibC.send(fd, request, 72, 0) != 72)
            {
                return false;
            }

            var added = new List<ulong>();
            while (true)
            {
                nint n;
                fixed (byte* p = _receiveBuffer)
                {
                    n = LibC.recv(fd, p, _receiveBuffer.Length, 0);
                }

                if (n < 0 && Marshal.GetLastPInvokeError() == LibC.EIntr)
                {
                    continue;
                }

                if (n <= 0)
                {
                    return Rollback(into, added);
                }

                for (var offset = 0; offset + NlmsgHeaderLength <= n;)
                {
                    var message = _receiveBuffer.AsSpan(offset, (int)n - offset);
                    var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(message);
                    var type = BinaryPrimitives.ReadUInt16LittleEndian(message[4..]);
                    if (type == NlmsgDone)
                    {
                        return true;
                    }

                    if (type == NlmsgError || length < NlmsgHeaderLength || length > message.Length)
                    {
                        return Rollback(into, added);
                    }

                    if (length >= NlmsgHeaderLength + InodeOffset + 4)
                    {
                        var inode = BinaryPrimitives.ReadUInt32LittleEndian(message[(NlmsgHeaderLength + InodeOffset)..]);
                        if (inode != 0 && into.Add(inode))
                        {
                            added.Add(inode);
                        }
                    }

                    offset += (length + 3) & ~3;
                }
            }
        }
        finally
        {
            LibC.close(fd);
        }
    }

    /// <summary>A dump that failed half way must not leave half a table behind the file fallback.</summary>
    private static bool Rollback(HashSet<ulong> into, List<ulong> added)
    {
        foreach (var inode in added)
        {
            into.Remove(inode);
        }

        return false;
    }

    /// <summary>One <c>net/{tcp,tcp6,udp,udp6}</c> file under the proc root; false when it cannot be read.</summary>
    internal bool TryReadFile(string fileName, HashSet<ulong> into)
    {
        var path = Path.Combine(reader.RootPath, "net", fileName);
        try
        {
            using var handle = File.OpenHandle(path);
            long offset = 0;
            var carry = 0;
            while (true)
            {
                var n = RandomAccess.Read(handle, _fileBuffer.AsSpan(carry), offset);
                offset += n;
                var data = _fileBuffer.AsSpan(0, carry + n);
                var lastNewline = n == 0 ? data.Length : data.LastIndexOf((byte)'\n') + 1;
                ReadOnlySpan<byte> lines = data[..lastNewline];
                while (ProcText.NextLine(ref lines, out var line))
                {
                    if (NetTableParser.TryParseInode(line, out var inode))
                    {
                        into.Add(inode);
                    }
                }

                if (n == 0)
                {
                    return true;
                }

                // A line longer than the buffer cannot be an inet table line; drop it rather than grow.
                carry = data.Length - lastNewline;
                if (carry == _fileBuffer.Length)
                {
                    carry = 0;
                }

                data[lastNewline..].CopyTo(_fileBuffer);
            }
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
