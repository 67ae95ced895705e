namespace McpOtelAgent.Alerts;

/// <summary>Removes a run-time alert callback once, when disposed.</summary>
internal sealed class CallbackRegistration(Action remove) : IDisposable
{
    private Action? _remove = remove;

    public void Dispose() => Interlocked.Exchange(ref _remove, null)?.Invoke();
}
