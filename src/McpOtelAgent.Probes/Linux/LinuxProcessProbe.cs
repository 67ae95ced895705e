namespace McpOtelAgent.Probes.Linux;

/// <summary>
/// Reads processes straight from a proc root (<c>/proc</c>, or a fixture folder in tests). Keeps the
/// <c>/proc/[pid]</c> directory and files of each process it <see cref="Read"/>s (the targets) open between samples
/// and re-reads them at offset 0 (pread), which halves the kernel cost of open+read+close; the descriptors are bound
/// to the process, so a reused pid can never be read as the old process. Every other process (the sweep's stat scan,
/// command lines for matching) is opened, read and closed by path, its identity checked by start time, so open
/// descriptors grow with the targets, never with the host. Not thread-safe: the sampler is its only caller.
/// </summary>
internal sealed unsafe class LinuxProcessProbe : ProcessProbe
{
    public const string DefaultProcRoot = "/proc";
    public const string DefaultCgroupRoot = "/sys/fs/cgroup";

    /// <summary>Bound on one read of a small file (stat, statm, status, io, limits); none comes near it.</summary>
    private const int SmallFileMaxBytes = 64 * 1024;

    /// <summary>Bound on a command line; longer ones (ARG_MAX allows megabytes) are cut here.</summary>
    internal const int CmdlineMaxBytes = 256 * 1024;

    private const ProbeParts NeedsDirectory = ProbeParts.Extended & ~ProbeParts.Stat;

    private readonly ProcReader _reader;
    private readonly TimeProvider _timeProvider;
    private readonly InetSocketTable _inetTable;
    private readonly Dictionary<int, PidHandles> _handles = [];
    private readonly Dictionary<int, (ulong StartTimeTicks, CachedCmdline Cmdline)> _otherCmdlines = [];
    private readonly SweepBuffers _sweepBuffers = new();
    private readonly Dictionary<uint, string?> _userNames = [];
    private readonly List<ulong> _socketInodes = [];
    private readonly List<ulong> _unclassifiedSockets = [];
    private readonly int _rootFd;
    private readonly double? _agentCgroupQuota;
    private readonly byte[]? _agentCgroup;
    private LinuxProcessSweep? _latestSweep;
    private int[] _pids = new int[512];
    private int[] _fds = new int[64];
    private int _lastInetCount = 64;
    private long _sweepGeneration;

    public LinuxProcessProbe(
        string procRoot = DefaultProcRoot,
        string cgroupRoot = DefaultCgroupRoot,
        TimeProvider? timeProvider = null,
        int? maxOpenFds = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
        System = LinuxSystemInfo.Read(procRoot, cgroupRoot);
        _reader = new ProcReader(procRoot, maxOpenFds ?? DefaultFdBudget());
        _rootFd = _reader.OpenRoot(out var errno);
        if (_rootFd < 0)
        {
            throw new IOException($"cannot open proc root {procRoot}: errno {errno}");
        }

        _inetTable = new InetSocketTable(_reader, useNetlink: _reader.IsProcfs);
        _agentCgroupQuota = CgroupCpuQuota.Read(procRoot, cgroupRoot);
        _agentCgroup = TryReadAllBytes(Path.Combine(procRoot, "self", "cgroup"));
    }

    public override SystemInfo System { get; }

    public override ProbeParts SupportedParts => ProbeParts.Extended;

    /// <summary>
    /// Whether descriptors of a pid are kept open (they are closed once a sweep no longer sees it, or once a whole
    /// sweep passed without a <see cref="Read"/> of it).
    /// </summary>
    internal bool HoldsFilesOf(int pid) => _handles.ContainsKey(pid);

    /// <summary>Descriptors this probe holds open right now (its proc root included).</summary>
    internal int OpenFds => _reader.OpenFds;

    /// <inheritdoc/>
    /// <remarks>
    /// The returned sweep shares this probe's buffers: it is valid until the next call, so only one sweep per probe
    /// is live at a time (the sampler and the discovery scanner each take a sweep, use it, and take the next one).
    /// </remarks>
    public override ProcessSweep BeginSweep()
    {
        var generation = ++_sweepGeneration;
        _latestSweep = new LinuxProcessSweep(this, _timeProvider.GetUtcNow(), _sweepBuffers);
        CloseHandlesNotReadBefore(generation);
        return _latestSweep;
    }

    /// <summary>
    /// Lists the pids under the proc root, ascending, into <paramref name="pids"/> (the probe's buffer, valid until the
    /// next listing), and forgets what it holds of pids no longer listed.
    /// </summary>
    internal int ListPids(out int[] pids)
    {
        var listed = _reader.ListNumericEntries(_rootFd, ref _pids, out var errno);
        if (listed < 0)
        {
            throw new IOException($"cannot list {_reader.RootPath}: errno {errno}");
        }

        // procfs lists pids in ascending order; a fixture folder need not.
        if (!IsAscending(_pids.AsSpan(0, listed)))
        {
            Array.Sort(_pids, 0, listed);
        }

        ForgetPidsNotIn(_pids.AsSpan(0, listed));
        pids = _pids;
        return listed;
    }

    public override ProbeResult Read(ProcessKey key, ProbeParts parts, ProcessSweep sweep, ProbeParts reuse = ProbeParts.None)
    {
        // The sweep reads a pid's stat on first need, through the kept handles, and drops them when they no longer
        // read as their process: ask it first, so the handles taken below cannot be dropped halfway through this read.
        StatFields sweptStat = default;
        ReadOnlySpan<byte> sweptName = default;
        var swept = ReferenceEquals(sweep, _latestSweep) && _latestSweep.TryGetStat(key.Pid, out sweptStat, out sweptName);
        if (swept && sweptStat.StartTimeTicks != key.StartTimeTicks)
        {
            return ProbeResult.Gone($"pid {key.Pid} now belongs to another process");
        }

        var known = _handles.TryGetValue(key.Pid, out var handles);
        handles ??= new PidHandles(key.Pid);
        handles.LastRead = _sweepGeneration;

        // Open the pid directory before (re)reading stat: if stat then reads as the same process, the directory
        // is that process's too, and every file opened through it is.
        var openedDirectory = false;
        if ((parts & NeedsDirectory) != 0 && handles.DirectoryFd < 0)
        {
            handles.DirectoryFd = _reader.OpenUnderRoot(key.Pid, default, LibC.ORdOnly | LibC.ODirectory, out var dirErrno);
            if (handles.DirectoryFd < 0)
            {
                return Forget(handles, dirErrno is LibC.EAcces or LibC.EPerm ? ProbeResult.Denied($"{PathOf(key.Pid, null)}: permission denied") : ProbeResult.Gone());
            }

            openedDirectory = true;
        }

        // Within the latest sweep, stat was just read through these very handles: use it rather than read it twice.
        StatFields stat;
        string name;
        if (swept && !openedDirectory && known && handles.StartTimeTicks == key.StartTimeTicks)
        {
            stat = sweptStat;
            name = handles.Name.Get(sweptName);
        }
        else
        {
            var statLength = ReadFile(handles, ProcFile.Stat, SmallFileMaxBytes, out var errno);
            if (statLength <= 0)
            {
                return Forget(handles, errno is LibC.EAcces or LibC.EPerm ? ProbeResult.Denied($"{PathOf(key.Pid, ProcFile.Stat)}: permission denied") : ProbeResult.Gone());
            }

            if (!StatParser.TryParse(_reader.Content(statLength), out stat, out var statError))
            {
                return Forget(handles, ProbeResult.Malformed($"{PathOf(key.Pid, ProcFile.Stat)}: {statError}"));
            }

            if (stat.StartTimeTicks != key.StartTimeTicks)
            {
                // The pid belongs to another process now, perhaps a thread (/proc/[tid] opens too): handles are kept only
                // for a key some listing gave, since a sweep takes a pid with handles for a process without listing.
                return Forget(handles, ProbeResult.Gone($"pid {key.Pid} now belongs to another process"));
            }

            if (!known)
            {
                handles.StartTimeTicks = stat.StartTimeTicks;
                _handles[key.Pid] = handles;
            }

            name = handles.Name.Get(_reader.Content(statLength)[stat.Comm]);
        }

        var state = new ReadState(this, handles, key.Pid);

        // Details from before an exec describe another program (a launcher such as setsid or env): the comm, read with
        // every stat, tells, and they are read again.
        var details = handles.Details;
        var reused = string.Equals(details.Name, name, StringComparison.Ordinal) ? reuse & parts & ProbeParts.Details & details.Parts : ProbeParts.None;
        if (sweep is LinuxProcessSweep { HasChildIndex: true })
        {
            // Someone's tree already needed the whole index this sweep: fresh children cost nothing more.
            reused &= ~ProbeParts.Children;
        }

        var read = parts & ~reused;

        // prlimit(2) first: one syscall against formatting all of /proc/[pid]/limits. It addresses the pid, not our
        // pinned directory, so a read through the pinned files must follow it to prove the pid was not reused.
        ulong? fdLimit = null;
        var limitsByPid = (read & ProbeParts.Limits) != 0 && TryPrlimit(key.Pid, out fdLimit);
        var pageSize = (ulong)System.PageSizeBytes;
        var rssBytes = stat.ResidentPages * pageSize;

        // RSS as psutil reads it, from statm: since Linux 6.16 statm sums the per-CPU RSS counters exactly, while
        // stat's rss field still reads them approximately (tens of pages off on a small process).
        ulong? shared = null;
        if ((read & ProbeParts.Statm) != 0 && state.Read(ProcFile.Statm, ProbeParts.Statm, SmallFileMaxBytes, out var content))
        {
            if (StatmParser.TryParse(content, out var statm, out var error))
            {
                shared = statm.SharedPages * pageSize;
                rssBytes = statm.ResidentPages * pageSize;
            }
            else
            {
                state.Malformed(ProbeParts.Statm, ProcFile.Statm, error);
            }
        }

        int? uid = null;
        string? userName = null;
        ulong? voluntary = null, involuntary = null;
        if ((read & ProbeParts.Status) != 0 && state.Read(ProcFile.Status, ProbeParts.Status, SmallFileMaxBytes, out content))
        {
            if (StatusParser.TryParse(content, out var status, out var error))
            {
                uid = (int)status.RealUid;
                userName = UserName(status.RealUid);
                voluntary = status.VoluntaryContextSwitches;
                involuntary = status.InvoluntaryContextSwitches;
            }
            else
            {
                state.Malformed(ProbeParts.Status, ProcFile.Status, error);
            }
        }

        IoCounters? io = null;
        if ((read & ProbeParts.Io) != 0 && state.Read(ProcFile.Io, ProbeParts.Io, SmallFileMaxBytes, out content))
        {
            if (IoParser.TryParse(content, out var counters, out var error))
            {
                io = counters;
            }
            else
            {
                state.Malformed(ProbeParts.Io, ProcFile.Io, error);
            }
        }

        if ((read & ProbeParts.Limits) != 0 && !limitsByPid && state.Read(ProcFile.Limits, ProbeParts.Limits, SmallFileMaxBytes, out content))
        {
            if (LimitsParser.TryParseOpenFilesSoftLimit(content, out var limit, out var error))
            {
                fdLimit = limit;
            }
            else
            {
                state.Malformed(ProbeParts.Limits, ProcFile.Limits, error);
            }
        }

        IReadOnlyList<string> cmdline = [];
        if ((read & ProbeParts.Cmdline) != 0 && state.Read(ProcFile.Cmdline, ProbeParts.Cmdline, CmdlineMaxBytes, out content))
        {
            cmdline = handles.Cmdline.Get(content, _reader.LastReadTruncated);
        }

        int? fdCount = null, openFiles = null, connections = null;
        if ((read & (ProbeParts.FdCount | ProbeParts.FdTargets)) != 0)
        {
            ReadFds(ref state, read, sweep, out fdCount, out openFiles, out connections);
        }

        IReadOnlyList<int> children = [];
        if ((read & ProbeParts.Children) != 0)
        {
            // The child index may list /proc now, and a listing closes the handles of pids it does not show: this one
            // has exited since its stat was read.
            var found = sweep.ChildrenOf(key.Pid);
            if (!Keeps(handles))
            {
                return ProbeResult.Gone();
            }

            // A copy: the sweep's child index lives in buffers the next sweep overwrites; a snapshot outlives it. Most
            // processes have no children, and [] allocates nothing.
            children = found.Count > 0 ? [.. found] : [];
        }

        var exe = (read & ProbeParts.Exe) != 0 ? state.ReadLink("exe\0"u8, ProbeParts.Exe, handles.Exe) : null;
        var cwd = (read & ProbeParts.Cwd) != 0 ? state.ReadLink("cwd\0"u8, ProbeParts.Cwd, handles.Cwd) : null;
        if (reused != ProbeParts.None)
        {
            // As this very process's last details read found them (its handles are bound to it).
            if ((reused & ProbeParts.Status) != 0)
            {
                (uid, userName, voluntary, involuntary) =
                    (details.Uid, details.UserName, details.VoluntaryContextSwitches, details.InvoluntaryContextSwitches);
            }

            if ((reused & ProbeParts.FdTargets) != 0)
            {
                (openFiles, connections) = (details.OpenFiles, details.InetConnections);
            }

            fdLimit = (reused & ProbeParts.Limits) != 0 ? details.FileDescriptorLimit : fdLimit;
            cmdline = (reused & ProbeParts.Cmdline) != 0 ? details.Cmdline : cmdline;
            exe = (reused & ProbeParts.Exe) != 0 ? details.Exe : exe;
            cwd = (reused & ProbeParts.Cwd) != 0 ? details.Cwd : cwd;
            children = (reused & ProbeParts.Children) != 0 ? details.Children : children;
        }

        if (limitsByPid && (read & ProbeParts.Statm) == 0 && !IsAlive(handles))
        {
            return Forget(handles, ProbeResult.Gone());
        }

        if (state.Gone)
        {
            return Forget(handles, ProbeResult.Gone());
        }

        if ((read & ProbeParts.Details) != 0)
        {
            // An empty command line is a kernel thread, a zombie or a process between fork and exec: read it again.
            var current = (reused | (read & ProbeParts.Details)) & ~state.Missing & (cmdline.Count == 0 ? ~ProbeParts.Cmdline : ProbeParts.Details);
            handles.Details = new ProcessDetails(current, name, uid, userName, voluntary, involuntary, openFiles, connections, fdLimit, cmdline, exe, cwd, children);
        }

        var snapshot = new ProcessSnapshot
        {
            Key = key,
            Name = name,
            State = StatParser.ToState(stat.StateLetter),
            ParentPid = stat.ParentPid,
            ClockTicksPerSecond = System.ClockTicksPerSecond,
            UserTicks = stat.UserTicks,
            SystemTicks = stat.SystemTicks,
            ChildrenUserTicks = stat.ChildrenUserTicks,
            ChildrenSystemTicks = stat.ChildrenSystemTicks,
            MinorFaults = stat.MinorFaults,
            MajorFaults = stat.MajorFaults,
            ThreadCount = stat.ThreadCount,
            Nice = stat.Nice,
            VirtualMemoryBytes = stat.VirtualMemoryBytes,
            ResidentMemoryBytes = rssBytes,
            CreateTime = System.ToWallClock(stat.StartTimeTicks),
            MemoryPercent = System.MemTotalBytes == 0 ? 0 : rssBytes * 100.0 / System.MemTotalBytes,
            SharedMemoryBytes = shared,
            Uid = uid,
            UserName = userName,
            VoluntaryContextSwitches = voluntary,
            InvoluntaryContextSwitches = involuntary,
            Io = io,
            OpenFileDescriptors = fdCount,
            OpenFiles = openFiles,
            InetConnections = connections,
            FileDescriptorLimit = fdLimit,
            Cmdline = cmdline,
            Exe = exe,
            Cwd = cwd,
            Children = children,
        };

        if (_reader.OpenFds > _reader.MaxOpenFds)
        {
            // Over budget (or a probe that keeps nothing open): this target is read by path from now on.
            handles.Close(_reader);
        }

        var outcome = state.Error is not null ? ProbeOutcome.Malformed
            : state.Missing != ProbeParts.None ? ProbeOutcome.Partial
            : ProbeOutcome.Ok;
        return new ProbeResult(outcome, snapshot, state.Missing, state.Error);
    }

    /// <summary>
    /// CPUs a read target may use: its own affinity mask (<c>sched_getaffinity(2)</c>), capped by the agent's cgroup
    /// CPU quota when it shares the agent's cgroup (a quota of another cgroup is not read). Read once per process;
    /// the agent's figure for a process not read yet or not on the real /proc.
    /// </summary>
    public override double CpusAvailableTo(ProcessKey key)
    {
        if (!_reader.IsProcfs || !_handles.TryGetValue(key.Pid, out var handles) || handles.StartTimeTicks != key.StartTimeTicks)
        {
            return System.CpusAvailable;
        }

        if (handles.CpusAvailable is { } known)
        {
            return known;
        }

        if (LinuxSystemInfo.AffinityCpuCount(key.Pid) is not { } affinity)
        {
            return System.CpusAvailable;
        }

        double cpus = affinity;
        if (_agentCgroupQuota is { } quota && quota < cpus && _agentCgroup is not null
            && TryReadAllBytes(PathOf(key.Pid, null) + "/cgroup") is { } cgroup && cgroup.AsSpan().SequenceEqual(_agentCgroup))
        {
            cpus = quota;
        }

        // The syscall addressed the pid: the same start time after it proves the pid still held this process.
        if (StartTimeByPath(key.Pid) != key.StartTimeTicks)
        {
            return System.CpusAvailable;
        }

        handles.CpusAvailable = cpus;
        return cpus;
    }

    /// <summary>The command line of a live key joined by spaces, for the sweep's cache; empty when unreadable.</summary>
    internal string ReadCommandLine(ProcessKey key)
    {
        // A target reads through its kept directory, which cannot show another process.
        if (_handles.TryGetValue(key.Pid, out var handles) && handles.StartTimeTicks == key.StartTimeTicks && handles.DirectoryFd >= 0)
        {
            var kept = ReadFile(handles, ProcFile.Cmdline, CmdlineMaxBytes, out _);
            return kept < 0 ? string.Empty : handles.Cmdline.GetJoined(_reader.Content(kept), _reader.LastReadTruncated);
        }

        // Anyone else: open, read, close by path. The sweep read the start time before; reading it again after
        // proves the pid was not reused in between (a newcomer has a later start time).
        var fd = _reader.OpenUnderRoot(key.Pid, ProcFileNames.Get(ProcFile.Cmdline), LibC.ORdOnly, out _);
        if (fd < 0)
        {
            return string.Empty;
        }

        var length = _reader.ReadAll(fd, CmdlineMaxBytes, out _);
        _reader.Close(ref fd);
        if (length < 0)
        {
            return string.Empty;
        }

        if (!_otherCmdlines.TryGetValue(key.Pid, out var cached) || cached.StartTimeTicks != key.StartTimeTicks)
        {
            cached = (key.StartTimeTicks, new CachedCmdline());
            _otherCmdlines[key.Pid] = cached;
        }

        // Joined before the stat read below reuses the read buffer.
        var joined = cached.Cmdline.GetJoined(_reader.Content(length), _reader.LastReadTruncated);
        return StartTimeByPath(key.Pid) == key.StartTimeTicks ? joined : string.Empty;
    }

    /// <summary>Every inet socket inode of the namespace; null when neither netlink nor /proc/net could be read.</summary>
    internal HashSet<ulong>? CollectInetSocketInodes()
    {
        var inodes = new HashSet<ulong>(_lastInetCount);
        if (!_inetTable.Collect(inodes))
        {
            return null;
        }

        _lastInetCount = Math.Max(64, inodes.Count);
        return inodes;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var handles in _handles.Values)
            {
                handles.Close(_reader);
            }

            _handles.Clear();
            var root = _rootFd;
            _reader.Close(ref root);
        }

        base.Dispose(disposing);
    }

    private static byte[]? TryReadAllBytes(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static int DefaultFdBudget()
    {
        // Half of our own soft RLIMIT_NOFILE, so kept-open /proc files never starve the agent's sockets.
        try
        {
            var limits = File.ReadAllBytes("/proc/self/limits");
            if (LimitsParser.TryParseOpenFilesSoftLimit(limits, out var soft, out _) && soft is not null)
            {
                return (int)Math.Clamp(soft.Value / 2, 64, 16384);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // No /proc/self/limits to size the budget from: a modest one.
        }

        return 512;
    }

    /// <summary>
    /// Reads one pid's stat for a sweep: through a target's kept handles, otherwise by path (open, read, close), so
    /// the scan holds no descriptor of a process nobody reads. <paramref name="name"/> is the comm, in the read buffer
    /// until the next read.
    /// </summary>
    internal bool TryReadStatForSweep(int pid, out StatFields stat, out ReadOnlySpan<byte> name)
    {
        if (TryReadStatThroughHandles(pid, out stat, out name))
        {
            return true;
        }

        var length = ReadByPath(pid, ProcFile.Stat, SmallFileMaxBytes);
        if (length > 0 && StatParser.TryParse(_reader.Content(length), out stat, out _))
        {
            name = _reader.Content(length)[stat.Comm];
            return true;
        }

        stat = default;
        name = default;
        return false;
    }

    /// <summary>
    /// Reads a pid's stat through its kept handles, if it has any: true only while they still read as the process they
    /// were opened for; handles that no longer do are dropped. Handles are opened only for a pid some sweep listed, so
    /// a true answer also says the pid is a process, not a thread id (which <c>/proc/[tid]</c> opens too).
    /// </summary>
    internal bool TryReadStatThroughHandles(int pid, out StatFields stat, out ReadOnlySpan<byte> name)
    {
        if (_handles.TryGetValue(pid, out var existing))
        {
            var kept = ReadFile(existing, ProcFile.Stat, SmallFileMaxBytes, out _);
            if (kept > 0 && StatParser.TryParse(_reader.Content(kept), out stat, out _)
                && stat.StartTimeTicks == existing.StartTimeTicks)
            {
                name = _reader.Content(kept)[stat.Comm];
                return true;
            }

            Drop(existing);
        }

        stat = default;
        name = default;
        return false;
    }

    /// <summary>Opens, reads and closes one file of a pid by path; the length, or -1.</summary>
    private int ReadByPath(int pid, ProcFile file, int maxBytes)
    {
        var fd = _reader.OpenUnderRoot(pid, ProcFileNames.Get(file), LibC.ORdOnly, out _);
        if (fd < 0)
        {
            return -1;
        }

        var length = _reader.ReadAll(fd, maxBytes, out _);
        _reader.Close(ref fd);
        return length;
    }

    /// <summary>The start time of whatever process holds a pid now; 0 when none (or unreadable).</summary>
    private ulong StartTimeByPath(int pid)
    {
        var length = ReadByPath(pid, ProcFile.Stat, SmallFileMaxBytes);
        return length > 0 && StatParser.TryParse(_reader.Content(length), out var stat, out _) ? stat.StartTimeTicks : 0;
    }

    /// <summary>Reads one file of a process, opening it (through the pid directory when open) if not kept open.</summary>
    private int ReadFile(PidHandles handles, ProcFile file, int maxBytes, out int errno)
    {
        ref var fd = ref handles.File(file);
        if (fd < 0)
        {
            var name = ProcFileNames.Get(file);
            fd = handles.DirectoryFd >= 0
                ? _reader.OpenAt(handles.DirectoryFd, name, LibC.ORdOnly, out errno)
                : _reader.OpenUnderRoot(handles.Pid, name, LibC.ORdOnly, out errno);
            if (fd < 0)
            {
                return -1;
            }
        }

        var length = _reader.ReadAll(fd, maxBytes, out errno);
        if (length < 0 || _reader.OpenFds > _reader.MaxOpenFds)
        {
            _reader.Close(ref fd);
        }

        return length;
    }

    private void ReadFds(ref ReadState state, ProbeParts parts, ProcessSweep sweep, out int? fdCount, out int? openFiles, out int? connections)
    {
        fdCount = openFiles = connections = null;
        var wanted = parts & (ProbeParts.FdCount | ProbeParts.FdTargets);
        ref var directory = ref state.Handles.File(ProcFile.FdDirectory);
        if (directory < 0)
        {
            directory = _reader.OpenAt(state.Handles.DirectoryFd, ProcFileNames.Get(ProcFile.FdDirectory), LibC.ORdOnly | LibC.ODirectory, out var openErrno);
            if (directory < 0)
            {
                state.Failed(wanted, openErrno);
                return;
            }
        }

        // The count alone needs no listing where the directory's size holds it.
        if (wanted == ProbeParts.FdCount && _reader.OpenFdCountFromSize(directory) is { } counted)
        {
            fdCount = counted;
            return;
        }

        var count = _reader.ListNumericEntries(directory, ref _fds, out var errno);
        if (count < 0)
        {
            _reader.Close(ref directory);
            state.Failed(wanted, errno);
            return;
        }

        if ((parts & ProbeParts.FdCount) != 0)
        {
            fdCount = count;
        }

        if ((parts & ProbeParts.FdTargets) == 0)
        {
            return;
        }

        _socketInodes.Clear();
        _unclassifiedSockets.Clear();
        var files = 0;
        Span<byte> name = stackalloc byte[16];
        for (var i = 0; i < count; i++)
        {
            _fds[i].TryFormat(name, out var written, provider: global::System.Globalization.CultureInfo.InvariantCulture);
            name[written] = 0;
            var length = _reader.ReadLink(directory, name[..(written + 1)], out _);
            if (length <= 0)
            {
                // Closed since the listing, or a target longer than PATH_MAX: psutil skips both.
                continue;
            }

            var target = _reader.LinkContent(length);
            if (target.StartsWith("socket:["u8) && target[^1] == (byte)']')
            {
                if (ProcText.TryParseUInt64(target[8..^1], out var inode))
                {
                    ClassifySocket(directory, name[..(written + 1)], inode);
                }
            }
            else if (target[0] == (byte)'/')
            {
                var types = state.Handles.FdFileTypes;
                if (!types.TryGet(_fds[i], target, out var regular))
                {
                    regular = IsRegularFile(length);
                    types.Set(_fds[i], _reader.LinkContent(length), regular);
                }

                if (regular)
                {
                    files++;
                }
            }
        }

        state.Handles.FdFileTypes.Trim(count);

        openFiles = files;

        // Sockets whose protocol could not be asked (no such attribute, or a fixture root) are looked up in the host's
        // inet tables, as psutil does for all of them; built once per sweep, and only when needed.
        if (_unclassifiedSockets.Count > 0)
        {
            var inet = sweep is LinuxProcessSweep linuxSweep ? linuxSweep.InetSocketInodes : CollectInetSocketInodes();
            if (inet is null)
            {
                state.Failed(ProbeParts.FdTargets, LibC.EAcces);
                return;
            }

            foreach (var inode in _unclassifiedSockets)
            {
                if (inet.Contains(inode))
                {
                    _socketInodes.Add(inode);
                }
            }
        }

        connections = CountDistinct(_socketInodes);
    }

    /// <summary>
    /// Counts a socket descriptor as a connection when its protocol is TCP or UDP over IPv4 or IPv6, asked of the socket
    /// itself: psutil instead looks every socket up in the agent's own network namespace's tables, which costs a walk
    /// of the kernel's whole TCP hash per sweep (milliseconds on a large host) and misses the sockets of a process in
    /// another namespace (a container seen from an agent with the host's pids). Where the protocol cannot be asked,
    /// the socket goes to the tables.
    /// </summary>
    private void ClassifySocket(int fdDirectoryFd, ReadOnlySpan<byte> fdName, ulong inode)
    {
        if (!_reader.IsProcfs)
        {
            _unclassifiedSockets.Add(inode);
            return;
        }

        var protocol = _reader.SocketProtocol(fdDirectoryFd, fdName, out var errno);
        if (!protocol.IsEmpty)
        {
            if (protocol.SequenceEqual("TCP"u8) || protocol.SequenceEqual("TCPv6"u8)
                || protocol.SequenceEqual("UDP"u8) || protocol.SequenceEqual("UDPv6"u8))
            {
                _socketInodes.Add(inode);
            }
        }
        else if (errno != LibC.ENoEnt)
        {
            // ENOENT: closed since the listing, which psutil skips too.
            _unclassifiedSockets.Add(inode);
        }
    }

    /// <summary>
    /// psutil's <c>open_files()</c> test: an absolute link target that stats as a regular file; a target ending in
    /// " (deleted)" is first stripped of it unless a file of that very name exists.
    /// </summary>
    private bool IsRegularFile(int length)
    {
        var target = _reader.LinkContent(length);
        if (target.EndsWith(" (deleted)"u8) && _reader.LinkTargetFileType(length) < 0)
        {
            length -= " (deleted)".Length;
        }

        return _reader.LinkTargetFileType(length) == LibC.SIfReg;
    }

    /// <summary>A socket shared by two fds is one connection to psutil (one line of /proc/net/*).</summary>
    private static int CountDistinct(List<ulong> inodes)
    {
        if (inodes.Count < 2)
        {
            return inodes.Count;
        }

        inodes.Sort();
        var distinct = 1;
        for (var i = 1; i < inodes.Count; i++)
        {
            if (inodes[i] != inodes[i - 1])
            {
                distinct++;
            }
        }

        return distinct;
    }

    private string? UserName(uint uid)
    {
        if (!_userNames.TryGetValue(uid, out var name))
        {
            name = UserNames.Lookup(uid);
            _userNames[uid] = name;
        }

        return name;
    }

    private ProbeResult Forget(PidHandles handles, ProbeResult result)
    {
        Drop(handles);
        return result;
    }

    /// <summary>Closes a pid's handles and, when they are the ones kept for it, stops keeping them.</summary>
    private void Drop(PidHandles handles)
    {
        handles.Close(_reader);
        if (Keeps(handles))
        {
            _handles.Remove(handles.Pid);
        }
    }

    /// <summary>Whether these are the handles kept for their pid (a listing or a failed read may have dropped them).</summary>
    private bool Keeps(PidHandles handles) => _handles.TryGetValue(handles.Pid, out var kept) && ReferenceEquals(kept, handles);

    /// <summary>
    /// Closes the handles of pids not read during the previous sweep (a target that was removed, a discovery candidate
    /// read once), so only current targets keep descriptors. An exited target's are closed sooner, by the read that
    /// finds it gone or by a listing without it.
    /// </summary>
    private void CloseHandlesNotReadBefore(long generation)
    {
        // Removing while enumerating is allowed for Dictionary (it does not invalidate the enumerator).
        foreach (var handles in _handles.Values)
        {
            if (handles.LastRead < generation - 1)
            {
                Drop(handles);
            }
        }
    }

    /// <summary>
    /// Closes the handles of pids no longer listed and drops their cached command lines. A cached command line whose
    /// pid now holds another process is replaced on its next read (the cache is keyed by start time), without reading
    /// every pid's stat here.
    /// </summary>
    private void ForgetPidsNotIn(ReadOnlySpan<int> listed)
    {
        foreach (var (pid, handles) in _handles)
        {
            if (listed.BinarySearch(pid) < 0)
            {
                Drop(handles);
            }
        }

        foreach (var pid in _otherCmdlines.Keys)
        {
            if (listed.BinarySearch(pid) < 0)
            {
                _otherCmdlines.Remove(pid);
            }
        }
    }

    private static bool IsAscending(ReadOnlySpan<int> pids)
    {
        for (var i = 1; i < pids.Length; i++)
        {
            if (pids[i] <= pids[i - 1])
            {
                return false;
            }
        }

        return true;
    }

    private string PathOf(int pid, ProcFile? file) =>
        file is null ? $"{_reader.RootPath}/{pid}" : $"{_reader.RootPath}/{pid}/{ProcFileNames.Display(file.Value)}";

    /// <summary>Bookkeeping of one <see cref="Read"/>: which parts are missing, why, and whether the process went away.</summary>
    private ref struct ReadState(LinuxProcessProbe probe, PidHandles handles, int pid)
    {
        public readonly PidHandles Handles => handles;

        public ProbeParts Missing { get; private set; }

        public string? Error { get; private set; }

        public bool Gone { get; private set; }

        public bool Read(ProcFile file, ProbeParts part, int maxBytes, out ReadOnlySpan<byte> content)
        {
            var length = probe.ReadFile(handles, file, maxBytes, out var errno);
            if (length < 0)
            {
                Failed(part, errno);
                content = default;
                return false;
            }

            content = probe._reader.Content(length);
            return true;
        }

        public string? ReadLink(ReadOnlySpan<byte> nameZ, ProbeParts part, CachedText cache)
        {
            var length = probe._reader.ReadLink(handles.DirectoryFd, nameZ, out var errno);
            if (length > 0)
            {
                var target = probe._reader.LinkContent(length);
                var nul = target.IndexOf((byte)0);
                if (nul >= 0)
                {
                    length = nul;
                }

                if (target[..length].EndsWith(" (deleted)"u8) && probe._reader.LinkTargetFileType(length) < 0)
                {
                    length -= " (deleted)".Length;
                }

                return cache.Get(probe._reader.LinkContent(length));
            }

            // Kernel threads and zombies have no exe (ENOENT while alive): psutil reports "" and so no value here.
            if (errno == LibC.ENoEnt && probe.IsAlive(handles))
            {
                return null;
            }

            Failed(part, errno);
            return null;
        }

        public void Failed(ProbeParts part, int errno)
        {
            if (errno == LibC.ESrch || (errno == LibC.ENoEnt && !probe.IsAlive(handles)))
            {
                Gone = true;
            }

            Missing |= part;
        }

        public void Malformed(ProbeParts part, ProcFile file, string? error)
        {
            Missing |= part;
            Error ??= $"{probe.PathOf(pid, file)}: {error}";
        }
    }

    private bool TryPrlimit(int pid, out ulong? softLimit)
    {
        softLimit = null;
        if (!_reader.IsProcfs)
        {
            return false;
        }

        var limit = stackalloc ulong[2];
        if (LibC.prlimit(pid, LibC.RlimitNoFile, null, limit) != 0)
        {
            // EPERM for another user's process without CAP_SYS_RESOURCE: /proc/[pid]/limits is world-readable.
            return false;
        }

        softLimit = limit[0] == LibC.RlimInfinity ? null : limit[0];
        return true;
    }

    private bool IsAlive(PidHandles handles) => ReadFile(handles, ProcFile.Stat, SmallFileMaxBytes, out _) > 0;
}
