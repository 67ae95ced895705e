using System.Runtime.InteropServices;

namespace McpOtelAgent.Probes.Linux;

/// <summary>
/// The few libc calls the /proc reader needs where .NET has no allocation-free equivalent: <c>openat</c> on a pinned
/// <c>/proc/[pid]</c> directory, <c>pread</c> at offset 0 on kept-open files, <c>readlinkat</c>, <c>getdents64</c>,
/// <c>statx</c> (its layout, unlike <c>struct stat</c>, is the same on every architecture) and netlink sockets.
/// </summary>
internal static unsafe partial class LibC
{
    public const int AtFdCwd = -100;
    public const int ORdOnly = 0;
    public const int ODirectory = 0x10000;
    public const int OCloExec = 0x80000;

    public const int EPerm = 1;
    public const int ENoEnt = 2;
    public const int ESrch = 3;
    public const int EIntr = 4;
    public const int EAcces = 13;

    public const int ScClkTck = 2;
    public const int RlimitNoFile = 7;
    public const ulong RlimInfinity = ulong.MaxValue;

    /// <summary>statx request mask bit for the file type (<c>STATX_TYPE</c>).</summary>
    public const uint StatxType = 0x1;

    /// <summary>statx request mask bit for the size (<c>STATX_SIZE</c>).</summary>
    public const uint StatxSize = 0x200;

    /// <summary>statx flag: stat the descriptor itself, given an empty path (<c>AT_EMPTY_PATH</c>).</summary>
    public const int AtEmptyPath = 0x1000;
    public const ushort SIfMt = 0xF000;
    public const ushort SIfReg = 0x8000;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int openat(int dirFd, byte* path, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint pread(int fd, byte* buffer, nint count, long offset);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int close(int fd);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint readlinkat(int dirFd, byte* path, byte* buffer, nint size);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint getdents64(int fd, byte* buffer, nint count);

    [LibraryImport("libc", SetLastError = true)]
    public static partial long lseek(int fd, long offset, int whence);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int statx(int dirFd, byte* path, int flags, uint mask, byte* statxBuffer);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint getxattr(byte* path, byte* name, byte* value, nint size);

    [LibraryImport("libc", SetLastError = true)]
    public static partial long sysconf(int name);

    /// <summary><c>prlimit(2)</c>; <paramref name="oldLimit"/> receives <c>struct rlimit { rlim_t cur, max; }</c>.</summary>
    [LibraryImport("libc", SetLastError = true)]
    public static partial int prlimit(int pid, int resource, ulong* newLimit, ulong* oldLimit);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int sched_getaffinity(int pid, nint cpuSetSize, byte* mask);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int socket(int domain, int type, int protocol);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint send(int fd, byte* buffer, nint length, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint recv(int fd, byte* buffer, nint length, int flags);

    /// <summary>
    /// The file type bits (<c>S_IFMT</c>) of a path, following links; -1 when it cannot be stat'ed. Lets a caller refuse
    /// a FIFO before <c>open(2)</c> blocks on it until a writer appears.
    /// </summary>
    public static int PathFileType(string path)
    {
        var length = System.Text.Encoding.UTF8.GetByteCount(path);
        if (length >= 4096)
        {
            return -1;
        }

        var utf8 = stackalloc byte[length + 1];
        System.Text.Encoding.UTF8.GetBytes(path, new Span<byte>(utf8, length));
        utf8[length] = 0;
        var buffer = stackalloc byte[256];
        if (statx(AtFdCwd, utf8, 0, StatxType, buffer) != 0)
        {
            return -1;
        }

        // struct statx: stx_mode (u16) sits at byte 28 on every architecture (statx(2)).
        return *(ushort*)(buffer + 28) & SIfMt;
    }

    [LibraryImport("libc", SetLastError = true)]
    public static partial int getpwuid_r(uint uid, byte* passwd, byte* buffer, nint bufferLength, nint* result);
}
