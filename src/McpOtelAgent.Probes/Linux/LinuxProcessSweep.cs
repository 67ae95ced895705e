namespace McpOtelAgent.Probes.Linux;

/// <summary>
/// One scan of <c>/proc</c>, each process's <c>/proc/[pid]/stat</c> (start time, parent, comm) read on first need and
/// kept for the sweep. A pid whose kept handles still read as their process is a process (the handles were opened for
/// a listed pid and stay bound to it), so a sampler of pid targets neither lists <c>/proc</c> nor reads any other
/// process's stat; the listing is taken on first need of something else (a pid without handles, every process, the
/// parent→children index), and what needs them all reads the rest once, so finding trees never rescans /proc
/// (psutil's <c>children()</c> does, per call). The inet socket table is likewise built on first need. Valid for one
/// sampling tick.
/// </summary>
internal sealed class LinuxProcessSweep : ProcessSweep
{
    private const byte Unread = 0;
    private const byte Alive = 1;
    private const byte Gone = 2;

    private readonly LinuxProcessProbe _probe;
    private readonly SweepBuffers _buffers;
    private int[] _pids = [];
    private int _listed = -1;
    private int _earlyCount;
    private int _nameLength;
    private int _aliveCount = -1;
    private bool _childIndexBuilt;
    private HashSet<ulong>? _inetInodes;
    private bool _inetRead;

    /// <summary>Takes the probe's reused buffers; nothing is read until asked.</summary>
    public LinuxProcessSweep(LinuxProcessProbe probe, DateTimeOffset timestamp, SweepBuffers buffers)
    {
        _probe = probe;
        Timestamp = timestamp;
        _buffers = buffers;
        buffers.Clear();
    }

    public override DateTimeOffset Timestamp { get; }

    /// <summary>Reads the stat of every listed process not read yet.</summary>
    public override IReadOnlyCollection<ProcessKey> Processes
    {
        get
        {
            ReadAll();
            return new ArraySegment<ProcessKey>(_buffers.AliveKeys, 0, _aliveCount);
        }
    }

    /// <summary>Whether this sweep has listed /proc (for a pid without kept handles, or for every process).</summary>
    internal bool HasListed => _listed >= 0;

    /// <summary>Whether the parent→children index is built, so <see cref="ChildrenOf"/> costs no further /proc reads.</summary>
    internal bool HasChildIndex => _childIndexBuilt;

    public override bool TryGetKey(int pid, out ProcessKey key)
    {
        if (TryRead(pid, out var slot))
        {
            key = _buffers.Keys[slot];
            return true;
        }

        key = default;
        return false;
    }

    public override bool TryGetParent(int pid, out int parentPid)
    {
        if (TryRead(pid, out var slot))
        {
            parentPid = _buffers.Stats[slot].ParentPid;
            return true;
        }

        parentPid = 0;
        return false;
    }

    /// <summary>Builds the child index on first call, which reads the stat of every listed process.</summary>
    public override IReadOnlyList<int> ChildrenOf(int pid)
    {
        BuildChildIndex();
        var parents = _buffers.ChildParents;
        var start = LowerBound(parents, _aliveCount, pid);
        var end = start;
        while (end < _aliveCount && parents[end] == pid)
        {
            end++;
        }

        return end == start ? Array.Empty<int>() : new ArraySegment<int>(_buffers.ChildPids, start, end - start);
    }

    public override void CollectDescendants(int pid, List<int> into)
    {
        // Depth first without recursion; parents read at slightly different instants could in theory form a loop,
        // so the walk stops after as many processes as the sweep holds.
        EnsureListed();
        var first = into.Count;
        var pending = new Stack<int>();
        pending.Push(pid);
        while (pending.Count > 0 && into.Count - first <= _listed)
        {
            var current = pending.Pop();
            if (current != pid)
            {
                into.Add(current);
            }

            var children = ChildrenOf(current);
            for (var i = children.Count - 1; i >= 0; i--)
            {
                pending.Push(children[i]);
            }
        }
    }

    public override string GetCommandLine(int pid)
    {
        if (!TryRead(pid, out var slot))
        {
            return string.Empty;
        }

        return _buffers.CommandLines[slot] ??= _probe.ReadCommandLine(_buffers.Keys[slot]);
    }

    public override string GetName(int pid)
    {
        if (!TryRead(pid, out var slot))
        {
            return string.Empty;
        }

        return _buffers.Names[slot] ??= System.Text.Encoding.UTF8.GetString(_buffers.NameBytes.AsSpan(_buffers.NameRanges[slot]));
    }

    /// <summary>
    /// The stat this sweep read for a pid (its <see cref="StatFields.Comm"/> is meaningless here) and its comm bytes:
    /// a read in the same sweep uses them instead of reading stat again.
    /// </summary>
    internal bool TryGetStat(int pid, out StatFields stat, out ReadOnlySpan<byte> name)
    {
        if (TryRead(pid, out var slot))
        {
            stat = _buffers.Stats[slot];
            name = _buffers.NameBytes.AsSpan(_buffers.NameRanges[slot]);
            return true;
        }

        stat = default;
        name = default;
        return false;
    }

    /// <summary>
    /// Inodes of every TCP/UDP socket of the namespace, read once per sweep on first need; null when they cannot be
    /// read (connections are then reported missing, not 0).
    /// </summary>
    internal HashSet<ulong>? InetSocketInodes
    {
        get
        {
            if (!_inetRead)
            {
                _inetInodes = _probe.CollectInetSocketInodes();
                _inetRead = true;
            }

            return _inetInodes;
        }
    }

    /// <summary>
    /// The slot of a live pid, its stat read by this sweep (now, if not before). Before the listing, a pid with kept
    /// handles is read through them; any other pid makes the sweep list /proc first.
    /// </summary>
    private bool TryRead(int pid, out int slot)
    {
        var early = _buffers.EarlySlots;
        if (_listed < 0)
        {
            if (early.TryGetValue(pid, out slot))
            {
                return true;
            }

            if (_probe.TryReadStatThroughHandles(pid, out var stat, out var name))
            {
                slot = _earlyCount++;
                _buffers.Reserve(_earlyCount, slot);
                Store(slot, pid, stat, name);
                early.Add(pid, slot);
                return true;
            }

            EnsureListed();
        }

        var index = IndexOf(pid);
        if (index >= 0)
        {
            slot = _earlyCount + index;
            return EnsureRead(slot);
        }

        // Read early, then gone from the listing: still this sweep's process, as first read.
        return early.TryGetValue(pid, out slot);
    }

    /// <summary>A pid's index in the listing, or a negative number.</summary>
    private int IndexOf(int pid) => Array.BinarySearch(_pids, 0, _listed, pid);

    /// <summary>Lists /proc once; the pids read early take their listing slots, so no stat is read twice.</summary>
    private void EnsureListed()
    {
        if (_listed >= 0)
        {
            return;
        }

        _listed = _probe.ListPids(out _pids);
        _buffers.Reserve(_earlyCount + _listed, _earlyCount);
        foreach (var (pid, early) in _buffers.EarlySlots)
        {
            var index = IndexOf(pid);
            if (index >= 0)
            {
                CopySlot(early, _earlyCount + index);
            }
        }
    }

    private bool EnsureRead(int slot)
    {
        var states = _buffers.States;
        if (states[slot] != Unread)
        {
            return states[slot] == Alive;
        }

        var pid = _pids[slot - _earlyCount];
        if (!_probe.TryReadStatForSweep(pid, out var stat, out var name))
        {
            states[slot] = Gone;
            return false;
        }

        Store(slot, pid, stat, name);
        return true;
    }

    private void Store(int slot, int pid, in StatFields stat, ReadOnlySpan<byte> name)
    {
        if (_nameLength + name.Length > _buffers.NameBytes.Length)
        {
            var grown = _buffers.NameBytes;
            Array.Resize(ref grown, Math.Max(grown.Length * 2, _nameLength + name.Length));
            _buffers.NameBytes = grown;
        }

        name.CopyTo(_buffers.NameBytes.AsSpan(_nameLength));
        _buffers.NameRanges[slot] = new Range(_nameLength, _nameLength + name.Length);
        _nameLength += name.Length;
        _buffers.Keys[slot] = new ProcessKey(pid, stat.StartTimeTicks);
        _buffers.Stats[slot] = stat;
        _buffers.States[slot] = Alive;
    }

    private void CopySlot(int from, int to)
    {
        var buffers = _buffers;
        buffers.States[to] = buffers.States[from];
        buffers.Keys[to] = buffers.Keys[from];
        buffers.Stats[to] = buffers.Stats[from];
        buffers.NameRanges[to] = buffers.NameRanges[from];
        buffers.Names[to] = buffers.Names[from];
        buffers.CommandLines[to] = buffers.CommandLines[from];
    }

    private void ReadAll()
    {
        if (_aliveCount >= 0)
        {
            return;
        }

        EnsureListed();
        var count = 0;
        for (var slot = _earlyCount; slot < _earlyCount + _listed; slot++)
        {
            if (EnsureRead(slot))
            {
                _buffers.AliveKeys[count++] = _buffers.Keys[slot];
            }
        }

        _aliveCount = count;
    }

    private void BuildChildIndex()
    {
        if (_childIndexBuilt)
        {
            return;
        }

        ReadAll();

        // Sorted by (parent, pid): each parent's children form one run, in pid order.
        var pairs = _buffers.ChildPairs;
        var count = 0;
        for (var slot = _earlyCount; slot < _earlyCount + _listed; slot++)
        {
            if (_buffers.States[slot] == Alive)
            {
                pairs[count++] = ((long)_buffers.Stats[slot].ParentPid << 32) | (uint)_buffers.Keys[slot].Pid;
            }
        }

        Array.Sort(pairs, 0, count);
        var parents = _buffers.ChildParents;
        var pids = _buffers.ChildPids;
        for (var i = 0; i < count; i++)
        {
            parents[i] = (int)(pairs[i] >> 32);
            pids[i] = (int)pairs[i];
        }

        _childIndexBuilt = true;
    }

    private static int LowerBound(int[] sorted, int length, int value)
    {
        int low = 0, high = length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (sorted[middle] < value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
