namespace McpOtelAgent.Probes.Linux;

/// <summary>
/// The arrays behind a <see cref="LinuxProcessSweep"/>, owned by the probe and reused by every sweep, so a sweep
/// allocates nothing in proportion to the host's processes once the buffers have grown. A sweep is therefore valid
/// only until the next <see cref="LinuxProcessProbe.BeginSweep"/>. All but <see cref="AliveKeys"/> and the child index
/// are indexed like the sweep's pid listing.
/// </summary>
internal sealed class SweepBuffers
{
    /// <summary>Per listed pid: <see cref="LinuxProcessSweep"/>'s read state (unread, alive or gone).</summary>
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

    /// <summary>Makes room for <paramref name="count"/> processes and marks them all unread; contents are not kept.</summary>
    public void Reset(int count)
    {
        if (count > Keys.Length)
        {
            var size = Math.Max(count, Keys.Length * 2);
            States = new byte[size];
            Keys = new ProcessKey[size];
            Stats = new StatFields[size];
            NameRanges = new Range[size];
            Names = new string?[size];
            CommandLines = new string?[size];
            AliveKeys = new ProcessKey[size];
            ChildPairs = new long[size];
            ChildParents = new int[size];
            ChildPids = new int[size];
        }

        Array.Clear(States, 0, count);
        // Whole arrays: strings of an earlier, larger sweep would otherwise stay reachable.
        Array.Clear(Names);
        Array.Clear(CommandLines);
    }
}
