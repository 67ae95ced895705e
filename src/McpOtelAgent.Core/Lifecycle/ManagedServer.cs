using System.ComponentModel;
using McpOtelAgent.Mcp;
using Microsoft.Extensions.Logging;

namespace McpOtelAgent.Lifecycle;

/// <summary>
/// Supervises one declared stdio server, as supervisord or PM2 would: launches it, restarts it with exponential
/// backoff when it exits on its own, gives up with <see cref="ServerLifecycleState.CrashLoop"/> when it keeps dying,
/// and stops it with the MCP stdio shutdown sequence. Start, stop and restart are serialized; the backoff schedule
/// runs on the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed class ManagedServer : IAsyncDisposable
{
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Func<string, string> _redact;
    private readonly LineRateLimiter _stderrLimiter;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Queue<DateTimeOffset> _recentRestarts = new();
    private readonly Lock _stateLock = new();

    private CancellationTokenSource? _loopCts;
    private Task _loop = Task.CompletedTask;
    private ManagedProcess? _current;
    private ServerLifecycleState _state = ServerLifecycleState.Stopped;
    private int _restarts;
    private ProcessExit? _lastExit;
    private string? _lastError;
    private DateTimeOffset? _nextRestartAt;

    public ManagedServer(McpServerDefinition definition, TimeProvider time, ILogger logger, Func<string, string> redact)
    {
        if (definition.Transport != McpTransportKind.Stdio)
        {
            throw new ArgumentException("only stdio servers are launched", nameof(definition));
        }

        Definition = definition;
        _time = time;
        _logger = logger;
        _redact = redact;
        _stderrLimiter = new LineRateLimiter(linesPerSecond: 20, burst: 100, time);
    }

    /// <summary>Raised after every state change, outside any lock. A subscriber that throws is logged and skipped.</summary>
    public event Action<ManagedServer, ServerLifecycleState>? StateChanged;

    /// <summary>
    /// Raised when a new process of this server is running; the MCP client connects to its pipes. A subscriber that
    /// throws is logged and skipped: the process runs either way.
    /// </summary>
    public event Action<ManagedServer, ManagedProcess>? ProcessStarted;

    public string Id => Definition.Id;

    public McpServerDefinition Definition { get; }

    public ServerLifecycleState State
    {
        get
        {
            lock (_stateLock)
            {
                return _state;
            }
        }
    }

    /// <summary>The running process, if any: its pid changes across restarts, its <c>server_id</c> does not.</summary>
    public ManagedProcess? CurrentProcess => Volatile.Read(ref _current);

    public ManagedServerStatus Status
    {
        get
        {
            lock (_stateLock)
            {
                var process = _current;
                return new ManagedServerStatus(Id, _state, process?.Pid, process?.StartedAt, _restarts, _lastExit, _lastError, _nextRestartAt);
            }
        }
    }

    /// <summary>Starts the server unless it is already supervised; clears a crash loop or a failed start.</summary>
    public async Task StartAsync()
    {
        await _gate.WaitAsync();
        try
        {
            StartCore();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops the server and its whole process group; no automatic restart follows.</summary>
    public async Task StopAsync()
    {
        await _gate.WaitAsync();
        try
        {
            await StopCoreAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task RestartAsync()
    {
        await _gate.WaitAsync();
        try
        {
            await StopCoreAsync();
            StartCore();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _gate.Dispose();
    }

    private void StartCore()
    {
        if (!_loop.IsCompleted)
        {
            return;
        }

        _recentRestarts.Clear();
        if (Launch() is not { } process)
        {
            return;
        }

        _loopCts?.Dispose();
        _loopCts = new CancellationTokenSource();
        var token = _loopCts.Token;
        _loop = Task.Run(() => SuperviseGuardedAsync(process, token), CancellationToken.None);
    }

    private async Task StopCoreAsync()
    {
        if (_loopCts is { } cts)
        {
            await cts.CancelAsync();
            await _loop;
        }

        if (Volatile.Read(ref _current) is { } process)
        {
            SetState(ServerLifecycleState.Stopping);
            Log.Stopping(_logger, Id, process.Pid);
            var exit = await process.StopAsync(Definition.Stop, signal => Log.StopEscalated(_logger, Id, signal));
            await process.DisposeAsync();
            lock (_stateLock)
            {
                _lastExit = exit;
                _current = null;
            }

            Log.Stopped(_logger, Id, exit.ToString());
        }

        lock (_stateLock)
        {
            _nextRestartAt = null;
        }

        SetState(ServerLifecycleState.Stopped);
    }

    private async Task SuperviseGuardedAsync(ManagedProcess first, CancellationToken cancellationToken)
    {
        try
        {
            await SuperviseAsync(first, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.SupervisorFault(_logger, Id, ex);
            lock (_stateLock)
            {
                _lastError = ex.Message;
            }

            SetState(ServerLifecycleState.FailedToStart);
        }
    }

    private async Task SuperviseAsync(ManagedProcess first, CancellationToken cancellationToken)
    {
        var policy = Definition.Restart;
        var consecutiveFailures = 0;
        var process = first;
        while (true)
        {
            try
            {
                await process.Exited.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var exit = await process.Exited;
            var uptime = exit.At - process.StartedAt;
            Log.ServerExited(_logger, Id, process.Pid, exit.ToString(), uptime.TotalSeconds);

            // What the dead leader left behind in its group would otherwise hold the server's resources (ports, files).
            await process.DisposeAsync();
            lock (_stateLock)
            {
                _lastExit = exit;
                _current = null;
            }

            if (!policy.ShouldRestart(exit))
            {
                SetState(ServerLifecycleState.Exited);
                return;
            }

            consecutiveFailures = uptime >= policy.MinUptime ? 1 : consecutiveFailures + 1;
            var now = _time.GetUtcNow();
            while (_recentRestarts.TryPeek(out var oldest) && now - oldest > policy.Window)
            {
                _recentRestarts.Dequeue();
            }

            if (_recentRestarts.Count >= policy.MaxRestarts)
            {
                Log.CrashLoop(_logger, Id, _recentRestarts.Count, policy.Window.TotalSeconds);
                SetState(ServerLifecycleState.CrashLoop);
                return;
            }

            var delay = policy.DelayFor(consecutiveFailures);
            lock (_stateLock)
            {
                _nextRestartAt = now + delay;
            }

            Log.RestartScheduled(_logger, Id, _restarts + 1, delay.TotalSeconds);
            SetState(ServerLifecycleState.Backoff);
            try
            {
                await Task.Delay(delay, _time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _recentRestarts.Enqueue(_time.GetUtcNow());
            lock (_stateLock)
            {
                _restarts++;
                _nextRestartAt = null;
            }

            if (Launch() is not { } next)
            {
                return;
            }

            process = next;
        }
    }

    private ManagedProcess? Launch()
    {
        SetState(ServerLifecycleState.Starting);
        var process = TryStartProcess(out var error);
        if (process is null)
        {
            Log.FailedToStart(_logger, Id, error ?? "unknown error");
            lock (_stateLock)
            {
                _lastError = error;
            }

            SetState(ServerLifecycleState.FailedToStart);
            return null;
        }

        lock (_stateLock)
        {
            _current = process;
            _lastError = null;
        }

        Log.ServerStarted(_logger, Id, process.Pid);
        if (!Definition.Probe.Enabled)
        {
            // Nobody speaks MCP on stdout then; drain it so a chatty server never blocks on a full pipe.
            _ = process.Output.CopyToAsync(Stream.Null);
        }

        SetState(ServerLifecycleState.Running);
        Raise(ProcessStarted, process, nameof(ProcessStarted));
        return process;
    }

    private ManagedProcess? TryStartProcess(out string? error)
    {
        if (!LaunchResolver.TryResolve(Definition, out var spec, out error))
        {
            return null;
        }

        if (LaunchResolver.SetsidPath is not { } setsid)
        {
            error = "setsid (util-linux) not found on PATH; it is needed to launch servers in a process group";
            return null;
        }

        try
        {
            return ManagedProcess.Start(spec!, setsid, _time, OnStderrLine);
        }
        catch (Win32Exception ex)
        {
            error = ex.Message;
            return null;
        }
    }

    private void OnStderrLine(string line)
    {
        if (!_stderrLimiter.TryAcquire(out var suppressed))
        {
            return;
        }

        if (suppressed > 0)
        {
            Log.StderrSuppressed(_logger, Id, suppressed);
        }

        Log.Stderr(_logger, Id, _redact(line));
    }

    private void SetState(ServerLifecycleState state)
    {
        lock (_stateLock)
        {
            if (_state == state)
            {
                return;
            }

            _state = state;
        }

        Raise(StateChanged, state, nameof(StateChanged));
    }

    /// <summary>
    /// Calls each subscriber in turn, each on its own: an exception from one (the MCP prober, a test, a future listener)
    /// must neither keep the others from hearing the news nor reach the supervisor, where it would end the supervision
    /// loop and mark a running server as failed to start.
    /// </summary>
    private void Raise<T>(Action<ManagedServer, T>? handlers, T argument, string eventName)
    {
        if (handlers is null)
        {
            return;
        }

        foreach (var handler in handlers.GetInvocationList().Cast<Action<ManagedServer, T>>())
        {
            try
            {
                handler(this, argument);
            }
            catch (Exception ex)
            {
                Log.SubscriberFailed(_logger, Id, eventName, ex);
            }
        }
    }
}
