using McpOtelAgent.Probes;

namespace McpOtelAgent.Core.Tests.Fakes;

/// <summary>A process table in memory with a clock the test moves, so sampler arithmetic is exact.</summary>
internal sealed class FakeProcessProbe : ProcessProbe
{
    public static readonly DateTimeOffset Boot = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<int, FakeProcess> _processes = [];

    public DateTimeOffset Now { get; set; } = Boot.AddHours(1);

    public override SystemInfo System { get; } = new(8UL * 1024 * 1024 * 1024, 2, 100, 4096, Boot);

    public override ProbeParts SupportedParts => ProbeParts.Extended;

    public int Sweeps { get; private set; }

    /// <summary>The parts each read was allowed to reuse, in order.</summary>
    public List<ProbeParts> Reuses { get; } = [];

    /// <summary>Key look-ups on the sweeps ("key 100") and reads ("read 100"), in order.</summary>
    public List<string> Calls { get; } = [];

    public FakeProcess Add(FakeProcess process)
    {
        _processes[process.Pid] = process;
        return process;
    }

    public void Kill(int pid) => _processes.Remove(pid);

    public override ProcessSweep BeginSweep()
    {
        Sweeps++;
        return new FakeSweep(Now, _processes.Values.ToDictionary(p => p.Pid), Calls);
    }

    public override ProbeResult Read(ProcessKey key, ProbeParts parts, ProcessSweep sweep, ProbeParts reuse = ProbeParts.None)
    {
        Reuses.Add(reuse);
        Calls.Add($"read {key.Pid}");
        if (!_processes.TryGetValue(key.Pid, out var process) || process.Key != key)
        {
            return ProbeResult.Gone();
        }

        if (process.Throws)
        {
            throw new InvalidOperationException("probe broke");
        }

        return process.Outcome switch
        {
            ProbeOutcome.Gone => ProbeResult.Gone(),
            ProbeOutcome.Denied => new ProbeResult(ProbeOutcome.Denied, null, parts, "denied"),
            ProbeOutcome.Partial => new ProbeResult(ProbeOutcome.Partial, process.ToSnapshot(this, sweep.ChildrenOf(key.Pid)), ProbeParts.Io, null),
            _ => new ProbeResult(ProbeOutcome.Ok, process.ToSnapshot(this, sweep.ChildrenOf(key.Pid)), ProbeParts.None, null),
        };
    }
}
