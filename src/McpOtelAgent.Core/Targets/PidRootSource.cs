using System.Globalization;
using McpOtelAgent.Probes;

namespace McpOtelAgent.Targets;

/// <summary>
/// A fixed pid. The first sweep that sees it remembers its start time, so a recycled pid (another process under the
/// same number) reads as down rather than as the server.
/// </summary>
internal sealed class PidRootSource(int pid) : ITargetRootSource
{
    private ProcessKey? _attached;

    public string Description => string.Create(CultureInfo.InvariantCulture, $"pid {pid}");

    public TargetResolution Resolve(ProcessSweep sweep)
    {
        if (!sweep.TryGetKey(pid, out var key))
        {
            return TargetResolution.Down(string.Create(CultureInfo.InvariantCulture, $"no such pid {pid}"));
        }

        _attached ??= key;
        return _attached == key
            ? TargetResolution.Found(pid)
            : TargetResolution.Down(string.Create(CultureInfo.InvariantCulture, $"pid {pid} exited and now belongs to another process"));
    }
}
