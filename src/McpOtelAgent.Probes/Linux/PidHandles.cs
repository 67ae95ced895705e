namespace McpOtelAgent.Probes.Linux;

/// <summary>
/// What a probe keeps for one live process between samples: its <c>/proc/[pid]</c> directory and the files opened
/// through it. Files opened through a directory descriptor stay bound to that process: once it is reaped they fail
/// (ESRCH/ENOENT) instead of reading a newcomer that got the same pid.
/// </summary>
internal sealed class PidHandles(int pid)
{
    private readonly int[] _files = [-1, -1, -1, -1, -1, -1, -1];

    public int Pid { get; } = pid;

    /// <summary>Start time read through these handles (0 until stat was read).</summary>
    public ulong StartTimeTicks { get; set; }

    public int DirectoryFd { get; set; } = -1;

    /// <summary>The sweep during which this pid was last read; handles not read for a whole sweep are closed.</summary>
    public long LastRead { get; set; }

    /// <summary>CPUs this process may use, read once (affinity rarely changes; see <c>CpusAvailableTo</c>).</summary>
    public double? CpusAvailable { get; set; }

    public CachedText Name { get; } = new();

    public CachedText Exe { get; } = new();

    public CachedText Cwd { get; } = new();

    public CachedCmdline Cmdline { get; } = new();

    /// <summary>The details of the last read, for reads that may reuse them (empty until one read them).</summary>
    public ProcessDetails Details { get; set; } = new(ProbeParts.None, null, null, null, null, null, null, null, null, [], null, null, []);

    /// <summary>Made on first fd listing: a process read without fd targets never needs it.</summary>
    public FdFileTypes FdFileTypes => field ??= new();

    public ref int File(ProcFile file) => ref _files[(int)file];

    public void Close(ProcReader reader)
    {
        for (var i = 0; i < _files.Length; i++)
        {
            reader.Close(ref _files[i]);
        }

        var directory = DirectoryFd;
        reader.Close(ref directory);
        DirectoryFd = -1;
    }
}
