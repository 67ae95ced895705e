using System.Reflection;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using McpOtelAgent.Lifecycle;
using Microsoft.Extensions.Logging;

namespace McpOtelAgent.Mcp;

/// <summary>
/// One MCP client session the agent holds with a server, through the official SDK. Connecting is version-aware: the
/// SDK first asks <c>server/discover</c> (2026-07-28 revision, no handshake) and falls back to <c>initialize</c> for
/// earlier servers; a probe is then <c>server/discover</c> or <c>ping</c> accordingly. The tool count comes from
/// <c>tools/list</c> and is refreshed whenever the server sends <c>notifications/tools/list_changed</c>.
/// </summary>
internal sealed class McpProbeSession : IAsyncDisposable
{
    /// <summary>The revision that replaced <c>initialize</c> and <c>ping</c> with <c>server/discover</c> (SEP-2575).</summary>
    private const string StatelessProtocolVersion = "2026-07-28";

    private static readonly Implementation ClientInfo = new()
    {
        Name = "mcp-otel-agent",
        Version = typeof(McpProbeSession).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0",
    };

    private readonly string _serverId;
    private readonly ILogger _logger;
    private readonly TimeSpan _timeout;
    private readonly SemaphoreSlim _toolsGate = new(1, 1);
    private McpClient? _client;
    private int _toolCount = -1;

    private McpProbeSession(string serverId, TimeSpan timeout, ILogger logger)
    {
        _serverId = serverId;
        _timeout = timeout;
        _logger = logger;
    }

    public string? ProtocolVersion => Client.NegotiatedProtocolVersion;

    public string? ServerName => Client.ServerInfo?.Name;

    public string? ServerVersion => Client.ServerInfo?.Version;

    /// <summary>Tools the server lists; null before the first successful <c>tools/list</c> or when it has no tools capability.</summary>
    public int? ToolCount => Volatile.Read(ref _toolCount) is var n and >= 0 ? n : null;

    /// <summary>Whether the session has ended (the server closed it, or its process died).</summary>
    public bool IsClosed => Client.Completion.IsCompleted;

    /// <summary>
    /// 2026-07-28 servers have no <c>ping</c> and answer <c>server/discover</c> instead; earlier ones the reverse.
    /// </summary>
    public bool UsesDiscover =>
        ProtocolVersion is { } version && string.CompareOrdinal(version, StatelessProtocolVersion) >= 0;

    private McpClient Client => _client ?? throw new InvalidOperationException("not connected");

    /// <summary>Connects (discover or initialize) within the timeout, then reads the tool list.</summary>
    public static async Task<McpProbeSession> ConnectAsync(
        string serverId, IClientTransport transport, TimeSpan timeout, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var session = new McpProbeSession(serverId, timeout, loggerFactory.CreateLogger<McpProbeSession>());
        var options = new McpClientOptions
        {
            ClientInfo = ClientInfo,
            InitializationTimeout = timeout,
            DiscoverProbeTimeout = timeout < TimeSpan.FromSeconds(5) ? timeout : TimeSpan.FromSeconds(5),
            Handlers = new McpClientHandlers
            {
                NotificationHandlers =
                [
                    new(NotificationMethods.ToolListChangedNotification, session.OnToolListChanged),
                ],
            },
        };

        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutCts.CancelAfter(timeout);
        try
        {
            session._client = await McpClient.CreateAsync(transport, options, loggerFactory, timeoutCts.Token);
            try
            {
                await session.RefreshToolsAsync(timeoutCts.Token);
            }
            catch (Exception ex) when (IsToolsRefreshFailure(ex))
            {
                // A tool list that cannot be read leaves the count unknown; the session itself is fine.
                Log.ToolsRefreshFailed(session._logger, serverId, ex.Message);
            }

            return session;
        }
        catch
        {
            // Nobody else holds the session yet: whatever went wrong, its client (message loop, transport) ends here.
            await session.DisposeAsync();
            throw;
        }
    }

    /// <summary>One liveness round trip (<c>ping</c>, or <c>server/discover</c> on 2026-07-28 servers).</summary>
    /// <exception cref="McpException">The server answered with an error.</exception>
    /// <exception cref="OperationCanceledException">No answer within the timeout.</exception>
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutCts.CancelAfter(_timeout);
        if (UsesDiscover)
        {
            await Client.SendRequestAsync<DiscoverRequestParams, DiscoverResult>(
                RequestMethods.ServerDiscover, new DiscoverRequestParams(), McpJsonUtilities.DefaultOptions, cancellationToken: timeoutCts.Token);
        }
        else
        {
            await Client.PingAsync(cancellationToken: timeoutCts.Token);
        }
    }

    public async Task RefreshToolsAsync(CancellationToken cancellationToken)
    {
        if (Client.ServerCapabilities?.Tools is null)
        {
            Volatile.Write(ref _toolCount, -1);
            return;
        }

        await _toolsGate.WaitAsync(cancellationToken);
        try
        {
            var tools = await Client.ListToolsAsync(cancellationToken: cancellationToken);
            Volatile.Write(ref _toolCount, tools.Count);
        }
        finally
        {
            _toolsGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is { } client)
        {
            await client.DisposeAsync();
        }

        _toolsGate.Dispose();
    }

    private ValueTask OnToolListChanged(JsonRpcNotification notification, CancellationToken cancellationToken)
    {
        // Not awaited here: the SDK delivers the tools/list answer on the loop that runs this handler.
        _ = Task.Run(RefreshInBackgroundAsync, CancellationToken.None);
        return ValueTask.CompletedTask;
    }

    private async Task RefreshInBackgroundAsync()
    {
        try
        {
            using var timeoutCts = new CancellationTokenSource(_timeout);
            await RefreshToolsAsync(timeoutCts.Token);
        }
        catch (Exception ex) when (IsToolsRefreshFailure(ex) || ex is ObjectDisposedException)
        {
            // ObjectDisposedException: the session closed while the refresh was on its way.
            Log.ToolsRefreshFailed(_logger, _serverId, ex.Message);
        }
    }

    /// <summary>
    /// Every way a server can fail to give its tool list (an error, no answer, a closed pipe, an answer that does not
    /// parse): the count stays unknown, and neither connecting nor the session fails for it.
    /// </summary>
    private static bool IsToolsRefreshFailure(Exception ex) =>
        ex is McpException or OperationCanceledException or IOException or JsonException or InvalidOperationException;
}
