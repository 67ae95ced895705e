using System.Text.Json;
using McpOtelAgent.Lifecycle;
using McpOtelAgent.Redaction;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpOtelAgent.Mcp;

/// <summary>
/// Probes one declared server at the protocol level and keeps its <see cref="McpProbeStatus"/>. A managed stdio
/// server is reached over the pipes its supervisor holds (a new process means a new session); an http server by
/// its URL, reconnecting after a failure. A stdio server launched by someone else cannot be probed: its pipes are
/// not ours.
/// </summary>
internal sealed class McpServerMonitor : IAsyncDisposable
{
    /// <summary>
    /// The monitor whose MCP client work runs here: set for a probe (connect, ping, tools/list) and for dispose, and
    /// captured with them by the session's message loop and its handlers, so the SDK's measurements can be told apart
    /// by server (<see cref="McpSdkMetricsBridge"/>). Set inside async methods, it never leaks to their callers.
    /// </summary>
    private static readonly AsyncLocal<McpServerMonitor?> Scope = new();

    private readonly McpServerDefinition _definition;
    private readonly ManagedServer? _managed;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>
    /// An http server's transport, made once: each connect asks it for a new session transport, and it owns the
    /// HttpClient (connection pool) that every session of this server shares. The client never disposes it.
    /// </summary>
    private readonly HttpClientTransport? _httpTransport;
    private McpProbeSession? _session;
    private ManagedProcess? _sessionProcess;
    private McpProbeStatus _status;

    public McpServerMonitor(McpServerDefinition definition, ManagedServer? managed, TimeProvider time, ILoggerFactory loggerFactory)
    {
        if (definition.Transport == McpTransportKind.Stdio && managed is null)
        {
            throw new ArgumentException("a stdio server is probed over the pipes of its managed process", nameof(managed));
        }

        _definition = definition;
        _managed = managed;
        _time = time;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<McpServerMonitor>();
        _status = McpProbeStatus.NotProbed(definition.Id);
        if (definition.Transport == McpTransportKind.Http)
        {
            _httpTransport = CreateHttpTransport();
        }
    }

    /// <summary>Raised after each probe with its outcome.</summary>
    public event Action<McpProbeStatus>? Probed;

    public string ServerId => _definition.Id;

    public McpServerDefinition Definition => _definition;

    public McpProbeSettings Settings => _definition.Probe;

    public McpProbeStatus Status => Volatile.Read(ref _status);

    /// <summary>The monitor whose probe session the calling code belongs to, if any.</summary>
    public static McpServerMonitor? InScope => Scope.Value;

    /// <summary>Probes once: connects if there is no live session for the current process or URL, then pings.</summary>
    public async Task<McpProbeStatus> ProbeOnceAsync(CancellationToken cancellationToken)
    {
        Scope.Value = this;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var status = await ProbeCoreAsync(cancellationToken);
            Volatile.Write(ref _status, status);
            Probed?.Invoke(status);
            return status;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Scope.Value = this;
        await _gate.WaitAsync();
        try
        {
            await DropSessionAsync();
        }
        finally
        {
            _gate.Release();
        }

        if (_httpTransport is not null)
        {
            await _httpTransport.DisposeAsync();
        }

        _gate.Dispose();
    }

    private async Task<McpProbeStatus> ProbeCoreAsync(CancellationToken cancellationToken)
    {
        var previous = Status;
        var now = _time.GetUtcNow();
        McpProbeSession? session;
        try
        {
            session = await EnsureSessionAsync(cancellationToken);
            if (session is null)
            {
                return previous with { LastProbeAt = now, Success = null, Duration = null, LastError = "not running" };
            }

            var start = _time.GetTimestamp();
            await session.ProbeAsync(cancellationToken);
            var duration = _time.GetElapsedTime(start);
            if (previous.ConsecutiveFailures > 0)
            {
                Log.ProbeRecovered(_logger, ServerId, previous.ConsecutiveFailures);
            }

            return new McpProbeStatus(
                ServerId, now, true, duration, 0, null, session.ToolCount, session.ProtocolVersion, session.ServerName, session.ServerVersion);
        }
        catch (Exception ex) when (IsProbeFailure(ex, cancellationToken))
        {
            var failures = previous.ConsecutiveFailures + 1;
            var error = ex is OperationCanceledException
                ? $"no answer within {Settings.Timeout.TotalSeconds:F0} s"
                : SecretRedactor.RedactText(ex.Message);
            Log.ProbeFailed(_logger, ServerId, failures, error);
            if (_definition.Transport == McpTransportKind.Http || _session is { IsClosed: true })
            {
                await DropSessionAsync();
            }

            return previous with { LastProbeAt = now, Success = false, Duration = null, ConsecutiveFailures = failures, LastError = error };
        }
    }

    private async Task<McpProbeSession?> EnsureSessionAsync(CancellationToken cancellationToken)
    {
        if (_managed is not null)
        {
            var process = _managed.CurrentProcess;
            if (!ReferenceEquals(process, _sessionProcess))
            {
                await DropSessionAsync();
            }

            if (process is null)
            {
                return null;
            }

            if (_session is null)
            {
                _sessionProcess = process;
                _session = await ConnectAsync(new StreamClientTransport(process.Input, process.Output, _loggerFactory), cancellationToken);
            }

            return _session;
        }

        return _session ??= await ConnectAsync(_httpTransport!, cancellationToken);
    }

    private async Task<McpProbeSession> ConnectAsync(IClientTransport transport, CancellationToken cancellationToken)
    {
        var session = await McpProbeSession.ConnectAsync(ServerId, transport, Settings.Timeout, _loggerFactory, cancellationToken);
        Log.ProbeConnected(_logger, ServerId, session.ServerName, session.ServerVersion, session.ProtocolVersion);
        return session;
    }

    private HttpClientTransport CreateHttpTransport() => new(
        new HttpClientTransportOptions
        {
            Endpoint = _definition.Url!,
            Name = ServerId,
            TransportMode = HttpTransportMode.AutoDetect,
            ConnectionTimeout = Settings.Timeout,
            AdditionalHeaders = new Dictionary<string, string>(_definition.Headers, StringComparer.OrdinalIgnoreCase),
        },
        _loggerFactory);

    private async Task DropSessionAsync()
    {
        if (_session is { } session)
        {
            _session = null;
            _sessionProcess = null;
            await session.DisposeAsync();
        }
    }

    /// <summary>What a probe reports as a failure rather than throwing: every way a server can fail to answer.</summary>
    private static bool IsProbeFailure(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        McpException or IOException or HttpRequestException or TimeoutException or JsonException or InvalidOperationException => true,
        _ => false,
    };
}
