namespace McpOtelAgent.Probes.Linux;

/// <summary>
/// The arrays behind a <see cref="LinuxProcessSweep"/>, owned by the probe and reused by every sweep, so a sweep
/// allocates nothing in proportion to the host's processes once the buffers have grown. A sweep is therefore valid
/// only until the next <see cref="LinuxProcessProbe.BeginSweep"/>.
/// </summary>
internal sealed class SweepBuffers
{
    public ProcessKey[] Keys { get; private set; } = new ProcessKey[512];

    public StatFields[] Stats { get; private set; } = new StatFields[512];

    public Range[] NameRanges { get; private set; } = new Range[512];

    public string?[] Names { get; private set; } = new string?[512];

    public string?[] CommandLines { get; private set; } = new string?[512];

    public long[] ChildPairs { get; private set; } = new long[512];

    public int[] ChildParents { get; private set; } = new int[512];

    public int[] ChildPids { get; private set; } = new int[512];

    public Dictionary<int, int> IndexByPid { get; } = [];

    /// <summary>The comm bytes of every process, back to back; <see cref="NameRanges"/> index into them.</summary>
    public byte[] NameBytes { get; set; } = new byte[8192];

    /// <summary>Makes room for <paramref name="count"/> processes; contents are not kept.</summary>
    public void EnsureCapacity(int count)
    {
        if (count <= Keys.Length)
        {
            return;
        }

        var size = Math.Max(count, Keys.Length * 2);
        Keys = new ProcessKey[size];
        Stats = new StatFields[size];
        NameRanges = new Range[size];
        Names = new string?[size];
        CommandLines = new string?[size];
        ChildPairs = new long[size];
        ChildParents = new int[size];
        ChildPids = new int[size];
    }
}
