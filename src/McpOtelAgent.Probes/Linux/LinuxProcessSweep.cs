namespace McpOtelAgent.Probes.Linux;

/// <summary>
/// One scan of <c>/proc</c>: the pids listed by one <c>getdents</c> pass, each one's <c>/proc/[pid]/stat</c> (start
/// time, parent, comm) read on first need and kept for the sweep. A sampler of a few pid targets therefore reads the
/// stat of those few, not of every process on the host; what needs them all (<see cref="Processes"/>, the
/// parent→children index) reads the rest once, and finding trees never rescans /proc (psutil's <c>children()</c>
/// does, per call). The inet socket table is likewise built on first need. Valid for one sampling tick.
/// </summary>
internal sealed class LinuxProcessSweep : ProcessSweep
{
    private const byte Unread = 0;
    private const byte Alive = 1;
    private const byte Gone = 2;

    private readonly LinuxProcessProbe _probe;
    private readonly SweepBuffers _buffers;
    private readonly int[] _pids;
    private readonly int _listed;
    private readonly byte[] _states;
    private readonly ProcessKey[] _keys;
    private readonly StatFields[] _stats;
    private readonly Range[] _nameRanges;
    private int _nameLength;
    private int _aliveCount = -1;
    private bool _childIndexBuilt;
    private HashSet<ulong>? _inetInodes;
    private bool _inetRead;

    /// <summary>Takes the first <paramref name="listed"/> pids, ascending, and the probe's reused buffers.</summary>
    public LinuxProcessSweep(LinuxProcessProbe probe, DateTimeOffset timestamp, SweepBuffers buffers, int[] pids, int listed)
    {
        _probe = probe;
        Timestamp = timestamp;
        _buffers = buffers;
        _pids = pids;
        _listed = listed;
        buffers.Reset(listed);
        _states = buffers.States;
        _keys = buffers.Keys;
        _stats = buffers.Stats;
        _nameRanges = buffers.NameRanges;
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

    /// <summary>Whether the parent→children index is built, so <see cref="ChildrenOf"/> costs no further /proc reads.</summary>
    internal bool HasChildIndex => _childIndexBuilt;

    public override bool TryGetKey(int pid, out ProcessKey key)
    {
        if (TryRead(pid, out var index))
        {
            key = _keys[index];
            return true;
        }

        key = default;
        return false;
    }

    public override bool TryGetParent(int pid, out int parentPid)
    {
        if (TryRead(pid, out var index))
        {
            parentPid = _stats[index].ParentPid;
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
        if (!TryRead(pid, out var index))
        {
            return string.Empty;
        }

        return _buffers.CommandLines[index] ??= _probe.ReadCommandLine(_keys[index]);
    }

    public override string GetName(int pid)
    {
        if (!TryRead(pid, out var index))
        {
            return string.Empty;
        }

        return _buffers.Names[index] ??= System.Text.Encoding.UTF8.GetString(_buffers.NameBytes.AsSpan(_nameRanges[index]));
    }

    /// <summary>Whether the listing holds a pid (alive when listed; not read for it).</summary>
    internal bool Lists(int pid) => IndexOf(pid) >= 0;

    /// <summary>
    /// The stat this sweep read for a pid (its <see cref="StatFields.Comm"/> is meaningless here) and its comm bytes:
    /// a read in the same sweep uses them instead of reading stat again.
    /// </summary>
    internal bool TryGetStat(int pid, out StatFields stat, out ReadOnlySpan<byte> name)
    {
        if (TryRead(pid, out var index))
        {
            stat = _stats[index];
            name = _buffers.NameBytes.AsSpan(_nameRanges[index]);
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

    private int IndexOf(int pid) => Array.BinarySearch(_pids, 0, _listed, pid) is var index and >= 0 ? index : -1;

    /// <summary>The listing index of a live pid, its stat read by this sweep (now, if not before).</summary>
    private bool TryRead(int pid, out int index)
    {
        index = IndexOf(pid);
        return index >= 0 && EnsureRead(index);
    }

    private bool EnsureRead(int index)
    {
        if (_states[index] != Unread)
        {
            return _states[index] == Alive;
        }

        var pid = _pids[index];
        if (!_probe.TryReadStatForSweep(pid, out var stat, out var name))
        {
            _states[index] = Gone;
            return false;
        }

        if (_nameLength + name.Length > _buffers.NameBytes.Length)
        {
            var grown = _buffers.NameBytes;
            Array.Resize(ref grown, Math.Max(grown.Length * 2, _nameLength + name.Length));
            _buffers.NameBytes = grown;
        }

        name.CopyTo(_buffers.NameBytes.AsSpan(_nameLength));
        _nameRanges[index] = new Range(_nameLength, _nameLength + name.Length);
        _nameLength += name.Length;
        _keys[index] = new ProcessKey(pid, stat.StartTimeTicks);
        _stats[index] = stat;
        _states[index] = Alive;
        return true;
    }

    private void ReadAll()
    {
        if (_aliveCount >= 0)
        {
            return;
        }

        var alive = _buffers.AliveKeys;
        var count = 0;
        for (var i = 0; i < _listed; i++)
        {
            if (EnsureRead(i))
            {
                alive[count++] = _keys[i];
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
        for (var i = 0; i < _listed; i++)
        {
            if (_states[i] == Alive)
            {
                pairs[count++] = ((long)_stats[i].ParentPid << 32) | (uint)_keys[i].Pid;
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
