namespace McpOtelAgent.Probes.Linux;

/// <summary>
/// One scan of <c>/proc</c>: every pid with its start time, parent and comm, read from one pass over
/// <c>/proc/[pid]/stat</c>. The parent→children index and the inet socket table are built on first need, once per
/// sweep, so finding trees never rescans /proc (psutil's <c>children()</c> does, per call). Valid for one sampling tick.
/// </summary>
internal sealed class LinuxProcessSweep : ProcessSweep
{
    private readonly LinuxProcessProbe _probe;
    private readonly ProcessKey[] _keys;
    private readonly StatFields[] _stats;
    private readonly Range[] _nameRanges;
    private readonly byte[] _nameBytes;
    private readonly int _count;
    private readonly Dictionary<int, int> _indexByPid;
    private readonly string?[] _names;
    private readonly string?[] _commandLines;
    private readonly SweepBuffers _buffers;
    private int[]? _childPids;
    private int[]? _childParents;
    private HashSet<ulong>? _inetInodes;
    private bool _inetRead;

    /// <summary>Indexes the first <paramref name="count"/> entries the probe wrote into its reused buffers.</summary>
    public LinuxProcessSweep(LinuxProcessProbe probe, DateTimeOffset timestamp, SweepBuffers buffers, int count)
    {
        _probe = probe;
        Timestamp = timestamp;
        _buffers = buffers;
        _keys = buffers.Keys;
        _stats = buffers.Stats;
        _nameRanges = buffers.NameRanges;
        _nameBytes = buffers.NameBytes;
        _count = count;
        _indexByPid = buffers.IndexByPid;
        _indexByPid.Clear();
        _indexByPid.EnsureCapacity(count);
        for (var i = 0; i < count; i++)
        {
            _indexByPid[_keys[i].Pid] = i;
        }

        _names = buffers.Names;
        _commandLines = buffers.CommandLines;
        Array.Clear(_names);
        Array.Clear(_commandLines);
    }

    public override DateTimeOffset Timestamp { get; }

    public override IReadOnlyCollection<ProcessKey> Processes => new ArraySegment<ProcessKey>(_keys, 0, _count);

    public override bool TryGetKey(int pid, out ProcessKey key)
    {
        if (_indexByPid.TryGetValue(pid, out var index))
        {
            key = _keys[index];
            return true;
        }

        key = default;
        return false;
    }

    public override bool TryGetParent(int pid, out int parentPid)
    {
        if (_indexByPid.TryGetValue(pid, out var index))
        {
            parentPid = _stats[index].ParentPid;
            return true;
        }

        parentPid = 0;
        return false;
    }

    public override IReadOnlyList<int> ChildrenOf(int pid)
    {
        BuildChildIndex();
        var start = LowerBound(_childParents!, pid);
        var end = start;
        while (end < _count && _childParents![end] == pid)
        {
            end++;
        }

        return end == start ? Array.Empty<int>() : new ArraySegment<int>(_childPids!, start, end - start);
    }

    public override void CollectDescendants(int pid, List<int> into)
    {
        // Depth first without recursion; parents read at slightly different instants could in theory form a loop,
        // so the walk stops after as many processes as the sweep holds.
        var first = into.Count;
        var pending = new Stack<int>();
        pending.Push(pid);
        while (pending.Count > 0 && into.Count - first <= _count)
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
        if (!_indexByPid.TryGetValue(pid, out var index))
        {
            return string.Empty;
        }

        return _commandLines[index] ??= _probe.ReadCommandLine(_keys[index]);
    }

    public override string GetName(int pid)
    {
        if (!_indexByPid.TryGetValue(pid, out var index))
        {
            return string.Empty;
        }

        return _names[index] ??= System.Text.Encoding.UTF8.GetString(_nameBytes.AsSpan(_nameRanges[index]));
    }

    /// <summary>
    /// The stat this sweep read for a pid (its <see cref="StatFields.Comm"/> is meaningless here) and its comm bytes:
    /// a read in the same sweep uses them instead of reading stat again.
    /// </summary>
    internal bool TryGetStat(int pid, out StatFields stat, out ReadOnlySpan<byte> name)
    {
        if (_indexByPid.TryGetValue(pid, out var index))
        {
            stat = _stats[index];
            name = _nameBytes.AsSpan(_nameRanges[index]);
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

    private void BuildChildIndex()
    {
        if (_childPids is not null)
        {
            return;
        }

        // Sorted by (parent, pid): each parent's children form one run, in pid order.
        var pairs = _buffers.ChildPairs;
        for (var i = 0; i < _count; i++)
        {
            pairs[i] = ((long)_stats[i].ParentPid << 32) | (uint)_keys[i].Pid;
        }

        Array.Sort(pairs, 0, _count);
        var parents = _buffers.ChildParents;
        var pids = _buffers.ChildPids;
        for (var i = 0; i < _count; i++)
        {
            parents[i] = (int)(pairs[i] >> 32);
            pids[i] = (int)pairs[i];
        }

        _childParents = parents;
        _childPids = pids;
    }

    private int LowerBound(int[] sorted, int value)
    {
        int low = 0, high = _count;
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
