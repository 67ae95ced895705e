using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace McpOtelAgent.Probes.Linux;

/// <summary>
/// Bounded, allocation-free reads under one proc root (<c>/proc</c> or a fixture folder) with buffers reused
/// across reads. /proc files report size 0 and may be larger than any guess, so a read fills the buffer, grows it
/// up to a per-call cap, and reports truncation instead of trusting a size. Not thread-safe, like the probe.
/// </summary>
internal sealed unsafe class ProcReader
{
    private const int DirentHeader = 19;

    /// <summary>Header plus a 255-byte name plus NUL, rounded up to 8.</summary>
    private const int MaxDirentLength = 280;
    private readonly byte[] _root;
    private readonly byte[] _linkBuffer = new byte[4096];
    private readonly byte[] _direntBuffer = new byte[16384];
    private readonly byte[] _pathBuffer = new byte[4096 + 64];
    private readonly byte[] _protocolBuffer = new byte[64];
    private byte[] _buffer = new byte[4096];

    public ProcReader(string root, int maxOpenFds)
    {
        _root = Encoding.UTF8.GetBytes(root.TrimEnd('/'));
        RootPath = root.TrimEnd('/');
        MaxOpenFds = maxOpenFds;
        IsProcfs = Path.GetFullPath(RootPath) == "/proc";
    }

    public string RootPath { get; }

    /// <summary>Whether the root is the real /proc (not a fixture folder), whose files and listings behave as procfs.</summary>
    public bool IsProcfs { get; }

    /// <summary>Descriptors kept open across samples; beyond this budget files are opened, read and closed.</summary>
    public int MaxOpenFds { get; }

    public int OpenFds { get; private set; }

    /// <summary>Whether the last <see cref="ReadAll"/> stopped at its cap before the end of the file.</summary>
    public bool LastReadTruncated { get; private set; }

    /// <summary>The bytes of the last <see cref="ReadAll"/>.</summary>
    public ReadOnlySpan<byte> Content(int length) => _buffer.AsSpan(0, length);

    /// <summary>The bytes of the last <see cref="ReadLink"/>.</summary>
    public ReadOnlySpan<byte> LinkContent(int length) => _linkBuffer.AsSpan(0, length);

    /// <summary>Opens <c>root/pid</c> (a directory) or <c>root/pid/name</c>; name is NUL-terminated.</summary>
    public int OpenUnderRoot(int pid, ReadOnlySpan<byte> nameZ, int flags, out int errno)
    {
        var path = _pathBuffer.AsSpan();
        _root.CopyTo(path);
        var length = _root.Length;
        path[length++] = (byte)'/';
        pid.TryFormat(path[length..], out var written, provider: System.Globalization.CultureInfo.InvariantCulture);
        length += written;
        if (!nameZ.IsEmpty)
        {
            path[length++] = (byte)'/';
            nameZ.CopyTo(path[length..]);
            length += nameZ.Length;
        }
        else
        {
            path[length] = 0;
        }

        fixed (byte* p = _pathBuffer)
        {
            return Track(LibC.openat(LibC.AtFdCwd, p, flags | LibC.OCloExec), out errno);
        }
    }

    /// <summary>Opens the root itself (for listing pids).</summary>
    public int OpenRoot(out int errno)
    {
        var path = _pathBuffer.AsSpan();
        _root.CopyTo(path);
        path[_root.Length] = 0;
        fixed (byte* p = _pathBuffer)
        {
            return Track(LibC.openat(LibC.AtFdCwd, p, LibC.ORdOnly | LibC.ODirectory | LibC.OCloExec), out errno);
        }
    }

    /// <summary>Opens a file of a pid directory through its descriptor; name is NUL-terminated.</summary>
    public int OpenAt(int directoryFd, ReadOnlySpan<byte> nameZ, int flags, out int errno)
    {
        fixed (byte* p = nameZ)
        {
            return Track(LibC.openat(directoryFd, p, flags | LibC.OCloExec), out errno);
        }
    }

    public void Close(ref int fd)
    {
        if (fd < 0)
        {
            return;
        }

        LibC.close(fd);
        fd = -1;
        OpenFds--;
    }

    /// <summary>
    /// Reads a per-process file from offset 0 (pread, so a kept-open file needs no seek) until a short read or
    /// <paramref name="maxBytes"/>. Not for files that emit records in pieces (<c>/proc/net/*</c>).
    /// Returns the length, or -1 with <paramref name="errno"/> set.
    /// </summary>
    public int ReadAll(int fd, int maxBytes, out int errno)
    {
        var total = 0;
        LastReadTruncated = false;
        while (true)
        {
            if (total == _buffer.Length)
            {
                if (_buffer.Length >= maxBytes)
                {
                    LastReadTruncated = true;
                    errno = 0;
                    return total;
                }

                Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, maxBytes));
            }

            nint n;
            fixed (byte* p = _buffer)
            {
                n = LibC.pread(fd, p + total, _buffer.Length - total, total);
            }

            if (n < 0)
            {
                errno = Marshal.GetLastPInvokeError();
                if (errno == LibC.EIntr)
                {
                    continue;
                }

                return -1;
            }

            total += (int)n;

            // The per-process files are produced whole by each read (seq_file single_show; cmdline loops over pages
            // until it fills the request), so a short read is the end. Asking again at the new offset would make the
            // kernel generate the whole file a second time only to answer "0 bytes".
            if (n == 0 || total < _buffer.Length)
            {
                errno = 0;
                return total;
            }
        }
    }

    /// <summary>Reads a link relative to a directory descriptor; -1 with errno on failure, and on a target too long.</summary>
    public int ReadLink(int directoryFd, ReadOnlySpan<byte> nameZ, out int errno)
    {
        nint n;
        fixed (byte* name = nameZ)
        fixed (byte* target = _linkBuffer)
        {
            n = LibC.readlinkat(directoryFd, name, target, _linkBuffer.Length);
        }

        if (n < 0)
        {
            errno = Marshal.GetLastPInvokeError();
            return -1;
        }

        errno = 0;
        return n >= _linkBuffer.Length ? -1 : (int)n;
    }

    /// <summary>
    /// The protocol of a socket descriptor of a process ("TCP", "UDPv6", "UNIX-STREAM", ...): sockfs's
    /// <c>system.sockprotoname</c> attribute of <c>/proc/[pid]/fd/N</c>, looked up through this process's own
    /// descriptor of that open fd directory, so it cannot reach a newcomer that took the pid. Empty with errno when it
    /// cannot be read: ENOENT when the descriptor was closed, another error where the attribute does not exist.
    /// </summary>
    public ReadOnlySpan<byte> SocketProtocol(int fdDirectoryFd, ReadOnlySpan<byte> fdName, out int errno)
    {
        var path = _pathBuffer.AsSpan();
        if (!"/proc/self/fd/"u8.TryCopyTo(path)
            || !fdDirectoryFd.TryFormat(path[14..], out var written, provider: CultureInfo.InvariantCulture)
            || path.Length < 14 + written + 2 + fdName.Length)
        {
            errno = LibC.ENoEnt;
            return default;
        }

        var length = 14 + written;
        path[length++] = (byte)'/';
        fdName.CopyTo(path[length..]);
        path[length + fdName.Length] = 0;

        nint n;
        fixed (byte* pathZ = _pathBuffer)
        fixed (byte* name = "system.sockprotoname\0"u8)
        fixed (byte* value = _protocolBuffer)
        {
            n = LibC.getxattr(pathZ, name, value, _protocolBuffer.Length);
        }

        if (n <= 0)
        {
            errno = n < 0 ? Marshal.GetLastPInvokeError() : LibC.ENoEnt;
            return default;
        }

        errno = 0;
        var protocol = _protocolBuffer.AsSpan(0, (int)n);
        return protocol[^1] == 0 ? protocol[..^1] : protocol;
    }

    /// <summary>
    /// The open descriptors of a process as its open <c>/proc/[pid]/fd</c> directory reports them in its size (Linux
    /// 6.2 and later): one <c>statx</c> instead of listing the directory. Null where the size says nothing: older
    /// kernels report 0 (as does a process with no descriptors, which the listing then confirms) and a fixture folder
    /// reports its size on disk.
    /// </summary>
    public int? OpenFdCountFromSize(int fdDirectoryFd)
    {
        if (!IsProcfs)
        {
            return null;
        }

        byte emptyPath = 0;
        var statx = stackalloc byte[256];
        if (LibC.statx(fdDirectoryFd, &emptyPath, LibC.AtEmptyPath, LibC.StatxSize, statx) != 0)
        {
            return null;
        }

        // struct statx: stx_mask (u32) at byte 0 says whether the size was filled in, stx_size (u64) sits at byte 40 on
        // every architecture (statx(2)).
        if ((*(uint*)statx & LibC.StatxSize) == 0)
        {
            return null;
        }

        var size = *(ulong*)(statx + 40);
        return size is > 0 and <= int.MaxValue ? (int)size : null;
    }

    /// <summary>
    /// Lists the numeric entries of a directory (pids of the root, fds of <c>fd/</c>) from its start, reusing
    /// <paramref name="into"/>. Returns the count, or -1 with errno.
    /// </summary>
    public int ListNumericEntries(int directoryFd, ref int[] into, out int errno)
    {
        if (LibC.lseek(directoryFd, 0, 0) < 0)
        {
            errno = Marshal.GetLastPInvokeError();
            return -1;
        }

        var count = 0;
        while (true)
        {
            nint n;
            fixed (byte* p = _direntBuffer)
            {
                n = LibC.getdents64(directoryFd, p, _direntBuffer.Length);
            }

            if (n < 0)
            {
                errno = Marshal.GetLastPInvokeError();
                return -1;
            }

            if (n == 0)
            {
                errno = 0;
                return count;
            }

            // struct linux_dirent64: u64 d_ino, s64 d_off, u16 d_reclen, u8 d_type, char d_name[] (getdents64(2)).
            for (var offset = 0; offset < n;)
            {
                var record = _direntBuffer.AsSpan(offset);
                var recordLength = BinaryPrimitives.ReadUInt16LittleEndian(record[16..]);
                var name = record[DirentHeader..recordLength];
                name = name[..name.IndexOf((byte)0)];
                if (ProcText.TryParseUInt64(name, out var number) && number <= int.MaxValue)
                {
                    if (count == into.Length)
                    {
                        Array.Resize(ref into, Math.Max(16, into.Length * 2));
                    }

                    into[count++] = (int)number;
                }

                offset += recordLength;
            }

            // procfs fills a getdents buffer until the next entry does not fit (proc_readfd_common, proc_pid_readdir),
            // so room left for a longest entry means the listing is complete: skip the call that would return 0.
            if (IsProcfs && _direntBuffer.Length - n > MaxDirentLength)
            {
                errno = 0;
                return count;
            }
        }
    }

    /// <summary>
    /// The file type bits (<c>S_IFMT</c>) of the path held in the link buffer (the last <see cref="ReadLink"/>, cut
    /// to <paramref name="length"/>), following links as psutil's <c>isfile_strict</c> does; -1 when it does not exist.
    /// </summary>
    public int LinkTargetFileType(int length)
    {
        if (length >= _pathBuffer.Length)
        {
            return -1;
        }

        _linkBuffer.AsSpan(0, length).CopyTo(_pathBuffer);
        _pathBuffer[length] = 0;
        var statx = stackalloc byte[256];
        fixed (byte* path = _pathBuffer)
        {
            if (LibC.statx(LibC.AtFdCwd, path, 0, LibC.StatxType, statx) != 0)
            {
                return -1;
            }
        }

        // struct statx: stx_mode (u16) sits at byte 28 on every architecture (statx(2)).
        return *(ushort*)(statx + 28) & LibC.SIfMt;
    }

    private int Track(int fd, out int errno)
    {
        if (fd < 0)
        {
            errno = Marshal.GetLastPInvokeError();
            return -1;
        }

        errno = 0;
        OpenFds++;
        return fd;
    }
}
