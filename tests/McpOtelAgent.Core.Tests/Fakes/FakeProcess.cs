using McpOtelAgent.Probes;

namespace McpOtelAgent.Core.Tests.Fakes;

/// <summary>A process of the fake process table; mutable so a test can make it work between two sweeps.</summary>
internal sealed class FakeProcess(int pid, int parentPid, string name, string commandLine, ulong startTicks = 1000)
{
    public int Pid { get; } = pid;

    public int ParentPid { get; set; } = parentPid;

    public string Name { get; } = name;

    public string CommandLine { get; } = commandLine;

    public ProcessKey Key { get; } = new(pid, startTicks);

    public ulong UserTicks { get; set; }

    public ulong SystemTicks { get; set; }

    public ulong ResidentBytes { get; set; } = 10 * 1024 * 1024;

    public int Threads { get; set; } = 1;

    public int OpenFds { get; set; } = 4;

    public IoCounters Io { get; set; }

    public ProbeOutcome Outcome { get; set; } = ProbeOutcome.Ok;

    public bool Throws { get; set; }

    public ProcessSnapshot ToSnapshot(FakeProcessProbe probe, IReadOnlyList<int> children) => new()
    {
        Key = Key,
        Name = Name,
        State = ProcessState.Sleeping,
        ParentPid = ParentPid,
        ClockTicksPerSecond = 100,
        UserTicks = UserTicks,
        SystemTicks = SystemTicks,
        ChildrenUserTicks = 0,
        ChildrenSystemTicks = 0,
        MinorFaults = 10,
        MajorFaults = 1,
        ThreadCount = Threads,
        Nice = 0,
        VirtualMemoryBytes = ResidentBytes * 4,
        ResidentMemoryBytes = ResidentBytes,
        CreateTime = probe.System.ToWallClock(Key.StartTimeTicks),
        MemoryPercent = ResidentBytes * 100.0 / probe.System.MemTotalBytes,
        OpenFileDescriptors = OpenFds,
        FileDescriptorLimit = 1024,
        VoluntaryContextSwitches = 5,
        InvoluntaryContextSwitches = 2,
        Io = Io,
        Cmdline = CommandLine.Split(' '),
        Exe = "/usr/bin/" + Name,
        Children = children,
    };
}
