using System.Globalization;
using McpOtelAgent.Probes;

namespace McpOtelAgent.Targets;

/// <summary>
/// A fixed pid. The first sweep that sees it remembers its start time, so a recycled pid (another process under the
/// same number) reads as down rather than as the server. Once that process is gone the target is down for good, and
/// stops asking: the sweep answers for a pid it holds no open files for by listing /proc, every sweep.
/// </summary>
internal sealed class PidRootSource(int pid) : ITargetRootSource
{
    /// <summary>Guards <see cref="_attached"/>, written by whichever sweep sees the pid first: a nullable struct is no atomic write.</summary>
    private readonly Lock _gate = new();
    private ProcessKey? _attached;

    /// <summary>Set once the attached process is gone, for good, whatever holds the number later.</summary>
    private volatile string? _exitReason;

    /// <summary>Follows one process already seen (a discovered one), not whatever holds its pid at the first sweep.</summary>
    public PidRootSource(ProcessKey process)
        : this(process.Pid)
    {
        _attached = process;
    }

    public string Description => string.Create(CultureInfo.InvariantCulture, $"pid {pid}");

    public TargetResolution Resolve(ProcessSweep sweep)
    {
        if (_exitReason is { } reason)
        {
            return TargetResolution.Down(reason);
        }

        var seen = sweep.TryGetKey(pid, out var key);
        lock (_gate)
        {
            if (seen && (_attached ??= key) == key)
            {
                return TargetResolution.Found(pid);
            }

            if (_attached is null)
            {
                return TargetResolution.Down(string.Create(CultureInfo.InvariantCulture, $"no such pid {pid}"));
            }

            _exitReason ??= string.Create(CultureInfo.InvariantCulture, $"pid {pid} exited");
            return TargetResolution.Down(_exitReason);
        }
    }
}
