using System.Globalization;
using McpOtelAgent.Probes;

namespace McpOtelAgent.Targets;

/// <summary>
/// A fixed pid. The first sweep that sees it remembers its start time, so a recycled pid (another process under the
/// same number) reads as down rather than as the server.
/// </summary>
internal sealed class PidRootSource(int pid) : ITargetRootSource
{
    /// <summary>Guards <see cref="_attached"/>, written by whichever sweep sees the pid first: a nullable struct is no atomic write.</summary>
    private readonly Lock _gate = new();
    private ProcessKey? _attached;

    public string Description => string.Create(CultureInfo.InvariantCulture, $"pid {pid}");

    public TargetResolution Resolve(ProcessSweep sweep)
    {
        if (!sweep.TryGetKey(pid, out var key))
        {
            return TargetResolution.Down(string.Create(CultureInfo.InvariantCulture, $"no such pid {pid}"));
        }

        ProcessKey attached;
        lock (_gate)
        {
            attached = _attached ??= key;
        }

        return attached == key
            ? TargetResolution.Found(pid)
            : TargetResolution.Down(string.Create(CultureInfo.InvariantCulture, $"pid {pid} exited and now belongs to another process"));
    }
}
