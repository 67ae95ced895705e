using System.Globalization;

namespace McpOtelAgent.Wrapping;

/// <summary>
/// Watches both directions of one MCP stdio session and turns them into measurements: each request is matched to its
/// reply by id (in the table of the side that sent it), timed, and labelled with its method, tool or prompt name,
/// outcome and the negotiated protocol version; notifications are counted by method. It sees only what
/// <see cref="JsonRpcMessageParser"/> keeps, so no argument, result or content is ever recorded.
/// </summary>
/// <remarks>
/// Each direction has exactly one writer (its relay pump); parsing runs on that writer's thread without a lock, and
/// only the table updates are serialised.
/// </remarks>
internal sealed class McpTrafficObserver
{
    public const int DefaultMaxPendingRequests = 4096;
    public const int DefaultMaxLabelValues = 256;

    private const string ToolsCall = "tools/call";
    private const string PromptsGet = "prompts/get";
    private const string Initialize = "initialize";
    private const string Cancelled = "notifications/cancelled";

    private readonly IMcpTrafficSink _sink;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly PendingRequests _fromClient;
    private readonly PendingRequests _fromServer;
    private readonly LabelLimiter _methods;
    private readonly LabelLimiter _names;
    private readonly LabelLimiter _errorTypes = new(64);
    private readonly LabelLimiter _versions = new(8);
    private readonly List<JsonRpcMessage> _clientMessages = [];
    private readonly List<JsonRpcMessage> _serverMessages = [];
    private string? _protocolVersion;
    private long _malformedLines;
    private long _unmatchedResponses;

    public McpTrafficObserver(
        IMcpTrafficSink sink,
        TimeProvider time,
        int maxPendingRequests = DefaultMaxPendingRequests,
        int maxLabelValues = DefaultMaxLabelValues)
    {
        _sink = sink;
        _time = time;
        _fromClient = new PendingRequests(maxPendingRequests);
        _fromServer = new PendingRequests(maxPendingRequests);
        _methods = new LabelLimiter(maxLabelValues);
        _names = new LabelLimiter(maxLabelValues);
    }

    /// <summary>The protocol version the server answered <c>initialize</c> with, once it has.</summary>
    public string? ProtocolVersion
    {
        get { lock (_lock) { return _protocolVersion; } }
    }

    /// <summary>Lines that were not JSON-RPC (a server printing logs to stdout, say).</summary>
    public long MalformedLines => Interlocked.Read(ref _malformedLines);

    /// <summary>Replies whose request was never seen or was already evicted.</summary>
    public long UnmatchedResponses => Interlocked.Read(ref _unmatchedResponses);

    /// <summary>Requests awaiting a reply, both directions.</summary>
    public int PendingCount
    {
        get { lock (_lock) { return _fromClient.Count + _fromServer.Count; } }
    }

    /// <summary>Requests dropped unanswered because a table was full, both directions.</summary>
    public long EvictedRequests
    {
        get { lock (_lock) { return _fromClient.Evicted + _fromServer.Evicted; } }
    }

    /// <summary>A line handler for one direction, to give that direction's <see cref="LineTap"/>.</summary>
    public LineHandler For(MessageDirection direction) => line => Observe(direction, line);

    public void Observe(MessageDirection direction, ReadOnlySpan<byte> line)
    {
        var messages = direction == MessageDirection.ClientToServer ? _clientMessages : _serverMessages;
        messages.Clear();
        if (!JsonRpcMessageParser.TryParse(line, messages))
        {
            Interlocked.Increment(ref _malformedLines);
        }

        foreach (var message in messages)
        {
            switch (message.Kind)
            {
                case JsonRpcMessageKind.Request:
                    OnRequest(direction, message);
                    break;
                case JsonRpcMessageKind.Notification:
                    OnNotification(direction, message);
                    break;
                case JsonRpcMessageKind.Response:
                    OnResponse(direction, message);
                    break;
                default:
                    break;
            }
        }
    }

    private PendingRequests SentBy(MessageDirection direction) =>
        direction == MessageDirection.ClientToServer ? _fromClient : _fromServer;

    private void OnRequest(MessageDirection direction, in JsonRpcMessage message)
    {
        // JSON-RPC discourages a null id and nothing can match a reply to it.
        if (message.Id is null)
        {
            return;
        }

        var now = _time.GetTimestamp();
        lock (_lock)
        {
            var method = _methods.Limit(message.Method!);
            var name = message.Name is not null && method is ToolsCall or PromptsGet ? _names.Limit(message.Name) : null;
            SentBy(direction).Add(message.Id, method, name, now);
        }
    }

    private void OnNotification(MessageDirection direction, in JsonRpcMessage message)
    {
        string method;
        McpOperation? cancelled = null;
        lock (_lock)
        {
            method = _methods.Limit(message.Method!);

            // A cancelled request gets no reply (MCP spec, basic/utilities/cancellation): close it here, or it would
            // sit in the table until evicted. Only the side that sent a request may cancel it.
            if (method == Cancelled && message.CancelledRequestId is { } id && SentBy(direction).TryRemove(id, out var pending))
            {
                cancelled = Finish(direction, pending, "cancelled");
            }
        }

        _sink.RecordNotification(method, direction);
        if (cancelled is { } operation)
        {
            _sink.RecordOperation(operation);
        }
    }

    private void OnResponse(MessageDirection direction, in JsonRpcMessage message)
    {
        // A reply travels against its request: a reply from the server closes a request the client sent.
        var initiator = direction == MessageDirection.ServerToClient ? MessageDirection.ClientToServer : MessageDirection.ServerToClient;
        McpOperation operation;
        lock (_lock)
        {
            if (message.Id is null || !SentBy(initiator).TryRemove(message.Id, out var pending))
            {
                Interlocked.Increment(ref _unmatchedResponses);
                return;
            }

            if (pending.Method == Initialize && message.ErrorCode is null && message.ProtocolVersion is not null)
            {
                _protocolVersion = _versions.Limit(message.ProtocolVersion);
            }

            var errorType = message.ErrorCode is { } code
                ? _errorTypes.Limit(code.ToString(CultureInfo.InvariantCulture))
                : message.IsToolError && pending.Method == ToolsCall ? "tool_error" : null;
            operation = Finish(initiator, pending, errorType);
        }

        _sink.RecordOperation(operation);
    }

    private McpOperation Finish(MessageDirection initiator, in PendingRequest pending, string? errorType) => new(
        initiator,
        pending.Method,
        pending.Method == ToolsCall ? pending.Name : null,
        pending.Method == PromptsGet ? pending.Name : null,
        errorType,
        _protocolVersion,
        _time.GetElapsedTime(pending.StartTimestamp));
}
