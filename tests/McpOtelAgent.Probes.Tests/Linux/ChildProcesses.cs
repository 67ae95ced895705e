namespace McpOtelAgent.Probes.Tests.Linux;

/// <summary>The child processes one live test class started; disposing it kills every one of them.</summary>
internal sealed class ChildProcesses : IDisposable
{
    private readonly List<ChildProcess> _started = [];

    public IReadOnlyList<ChildProcess> All => _started;

    public ChildProcess Track(ChildProcess child)
    {
        _started.Add(child);
        return child;
    }

    public void Dispose()
    {
        foreach (var child in _started)
        {
            child.Dispose();
        }
    }
}
