namespace McpOtelAgent.Probes.Linux;

/// <summary>
/// Per process: whether the path behind each fd was a regular file, keyed by fd number and link text. An fd whose
/// link text has not changed since the last sample names the same file (a deleted or replaced file changes the
/// text), so steady fds cost a readlink but no stat.
/// </summary>
internal sealed class FdFileTypes
{
    private readonly Dictionary<int, (byte[] Target, bool Regular)> _byFd = [];

    public bool TryGet(int fd, ReadOnlySpan<byte> target, out bool regular)
    {
        if (_byFd.TryGetValue(fd, out var entry) && target.SequenceEqual(entry.Target))
        {
            regular = entry.Regular;
            return true;
        }

        regular = false;
        return false;
    }

    public void Set(int fd, ReadOnlySpan<byte> target, bool regular) => _byFd[fd] = (target.ToArray(), regular);

    /// <summary>Drops entries of closed fds once they outnumber the open ones.</summary>
    public void Trim(int openFds)
    {
        if (_byFd.Count > 2 * openFds + 16)
        {
            _byFd.Clear();
        }
    }
}
