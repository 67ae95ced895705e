namespace McpOtelAgent.Probes.Linux;

/// <summary>
/// The arrays behind a <see cref="LinuxProcessSweep"/>, owned by the probe and reused by every sweep, so a sweep
/// allocates nothing in proportion to the host's processes once the buffers have grown. A sweep is therefore valid
/// only until the next <see cref="LinuxProcessProbe.BeginSweep"/>. All but <see cref="AliveKeys"/> and the child index
/// are indexed by slot: the early reads' (<see cref="EarlySlots"/>), then the pid listing's.
/// </summary>
internal sealed class SweepBuffers
{
    /// <summary>Per slot: <see cref="LinuxProcessSweep"/>'s read state (unread, alive or gone).</summary>
    public byte[] States { get; private set; } = new byte[512];

    public ProcessKey[] Keys { get; private set; } = new ProcessKey[512];

    public StatFields[] Stats { get; private set; } = new StatFields[512];

    public Range[] NameRanges { get; private set; } = new Range[512];

    public string?[] Names { get; private set; } = new string?[512];

    public string?[] CommandLines { get; private set; } = new string?[512];

    /// <summary>The keys of every live process, in pid order, once a sweep has read them all.</summary>
    public ProcessKey[] AliveKeys { get; private set; } = new ProcessKey[512];

    public long[] ChildPairs { get; private set; } = new long[512];

    public int[] ChildParents { get; private set; } = new int[512];

    public int[] ChildPids { get; private set; } = new int[512];

    /// <summary>The comm bytes of every process read, back to back; <see cref="NameRanges"/> index into them.</summary>
    public byte[] NameBytes { get; set; } = new byte[8192];

    /// <summary>
    /// Slots of the pids a sweep read through kept handles before it listed /proc: pid → slot. They take the first
    /// slots; the listing's follow them.
    /// </summary>
    public Dictionary<int, int> EarlySlots { get; } = [];

    /// <summary>Empties the buffers for a new sweep.</summary>
    public void Clear()
    {
        EarlySlots.Clear();
        // Whole arrays: strings of an earlier, larger sweep would otherwise stay reachable.
        Array.Clear(Names);
        Array.Clear(CommandLines);
    }

    /// <summary>Makes room for <paramref name="count"/> slots, keeping the first <paramref name="kept"/>; marks the rest unread.</summary>
    public void Reserve(int count, int kept)
    {
        if (count > Keys.Length)
        {
            var size = Math.Max(count, Keys.Length * 2);
            States = Grown(States, size);
            Keys = Grown(Keys, size);
            Stats = Grown(Stats, size);
            NameRanges = Grown(NameRanges, size);
            Names = Grown(Names, size);
            CommandLines = Grown(CommandLines, size);
            AliveKeys = new ProcessKey[size];
            ChildPairs = new long[size];
            ChildParents = new int[size];
            ChildPids = new int[size];
        }

        Array.Clear(States, kept, count - kept);
    }

    private static T[] Grown<T>(T[] array, int size)
    {
        Array.Resize(ref array, size);
        return array;
    }
}
