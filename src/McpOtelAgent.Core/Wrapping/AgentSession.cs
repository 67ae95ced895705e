using Microsoft.Extensions.Logging;

namespace McpOtelAgent.Wrapping;

/// <summary>
/// A wrapper's whole relationship with a running agent: attach the server's process when it starts (so the agent
/// samples it, checks its health and alerts on it under the same <c>server_id</c>), report its traffic while it runs
/// (attaching it again if the agent forgot it), flush and detach when it ends. Every step is best-effort and bounded in
/// time; none can stop or slow the pipe.
/// </summary>
internal sealed class AgentSession : IAsyncDisposable
{
    public static readonly TimeSpan DefaultReportInterval = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan DetachTimeout = TimeSpan.FromSeconds(2);

    private readonly AgentClient _client;
    private readonly AgentReporter _reporter;
    private readonly string _serverId;
    private readonly ILogger _logger;
    private Task _attach = Task.CompletedTask;
    private int _pid;

    public AgentSession(Uri agentUrl, string? apiKey, string serverId, ILogger logger, TimeSpan? reportInterval = null, HttpMessageHandler? handler = null)
    {
        _client = new AgentClient(agentUrl, apiKey, handler);
        _serverId = serverId;
        _logger = logger;
        _reporter = new AgentReporter(
            _client, serverId, reportInterval ?? DefaultReportInterval, TimeProvider.System, logger, attachAgain: AttachAgainAsync);
    }

    /// <summary>Where the observer's measurements go to reach the agent.</summary>
    public IMcpTrafficSink Sink => _reporter;

    public AgentReporter Reporter => _reporter;

    /// <summary>Starts attaching the server's process; the relay does not wait for it.</summary>
    public void OnServerStarted(int pid)
    {
        Volatile.Write(ref _pid, pid);
        Volatile.Write(ref _attach, AttachAsync(pid));
    }

    public async ValueTask DisposeAsync()
    {
        await Volatile.Read(ref _attach);
        await _reporter.DisposeAsync();
        try
        {
            using var timeout = new CancellationTokenSource(DetachTimeout);
            await _client.DetachAsync(_serverId, timeout.Token);
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
        {
            Log.AgentDetachFailed(_logger, _serverId, exception.Message);
        }

        _client.Dispose();
    }

    /// <summary>
    /// The agent answered that it does not monitor the server: the first report may have overtaken the attach at start,
    /// which is then awaited; otherwise the agent restarted (or the attach failed) and the server is attached again.
    /// False before the server has a process.
    /// </summary>
    private async Task<bool> AttachAgainAsync(CancellationToken cancellationToken)
    {
        var attach = Volatile.Read(ref _attach);
        if (!attach.IsCompleted)
        {
            await attach;
            return true;
        }

        var pid = Volatile.Read(ref _pid);
        if (pid <= 0)
        {
            return false;
        }

        await _client.AttachAsync(_serverId, pid, cancellationToken);
        return true;
    }

    private async Task AttachAsync(int pid)
    {
        try
        {
            await _client.AttachAsync(_serverId, pid, CancellationToken.None);
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
        {
            Log.AgentAttachFailed(_logger, _serverId, pid, exception.Message);
        }
    }
}
