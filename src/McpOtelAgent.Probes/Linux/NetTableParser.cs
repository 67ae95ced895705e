namespace McpOtelAgent.Probes.Linux;

/// <summary>
/// Reads the socket inode column of one line of <c>/proc/net/{tcp,tcp6,udp,udp6}</c>
/// (<c>sl local rem st tx:rx tr:when retrnsmt uid timeout inode ...</c>), the fallback when netlink sock_diag is not
/// available. The header line and TIME_WAIT entries (inode 0) give nothing.
/// </summary>
internal static class NetTableParser
{
    private const int InodeColumn = 9;

    public static bool TryParseInode(ReadOnlySpan<byte> line, out ulong inode)
    {
        inode = 0;
        for (var column = 0; column <= InodeColumn; column++)
        {
            if (!ProcText.NextField(ref line, out var field))
            {
                return false;
            }

            if (column == InodeColumn)
            {
                return ProcText.TryParseUInt64(field, out inode) && inode != 0;
            }
        }

        return false;
    }
}
