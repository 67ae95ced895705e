using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace McpOtelAgent.Wrapping;

/// <summary>
/// Delivers a wrapped server's measurements to a running agent. Recording only puts the measurement in a bounded
/// queue (never blocks, drops and counts when full); a background loop sends what has gathered every interval. When
/// the agent is down a batch is dropped, logged once per outage, and the next interval tries again: the pipe never
/// waits for the agent. When the agent answers that it does not monitor the server (it restarted, or the attach at start
/// failed), the reporter has the server attached again and sends the batch once more.
/// </summary>
internal sealed class AgentReporter : IMcpTrafficSink, IAsyncDisposable
{
    public const int DefaultQueueCapacity = 16_384;

    private static readonly TimeSpan FinalFlushTimeout = TimeSpan.FromSeconds(2);

    private readonly AgentClient _client;
    private readonly string _serverId;

    /// <summary>
    /// Attaches the server to the agent again; false when there is nothing to attach (no process yet). Without it a
    /// batch for a server the agent does not know is dropped.
    /// </summary>
    private readonly Func<CancellationToken, Task<bool>>? _attachAgain;
    private readonly ILogger _logger;
    private readonly Channel<TrafficEvent> _queue;
    private readonly PeriodicTimer _timer;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private long _dropped;
    private long _sentBatches;
    private bool _failing;

    public AgentReporter(
        AgentClient client,
        string serverId,
        TimeSpan interval,
        TimeProvider time,
        ILogger logger,
        int queueCapacity = DefaultQueueCapacity,
        Func<CancellationToken, Task<bool>>? attachAgain = null)
    {
        _client = client;
        _serverId = serverId;
        _attachAgain = attachAgain;
        _logger = logger;
        // Wait mode, but only TryWrite is used: it returns false when full (never blocks), so a drop can be counted.
        // The Drop* modes would report every write as accepted.
        _queue = Channel.CreateBounded<TrafficEvent>(new BoundedChannelOptions(queueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        _timer = new PeriodicTimer(interval, time);
        _loop = RunAsync();
    }

    /// <summary>Measurements lost: queue full, or their batch could not be delivered.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Reports the agent accepted.</summary>
    public long SentBatches => Interlocked.Read(ref _sentBatches);

    public void RecordOperation(in McpOperation operation) => Enqueue(new TrafficEvent(operation, null));

    public void RecordNotification(string method, MessageDirection direction) => Enqueue(new TrafficEvent(default, method));

    /// <summary>Sends what is left (bounded in time), then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync();
        await _loop;
        using var timeout = new CancellationTokenSource(FinalFlushTimeout);
        await FlushAsync(timeout.Token);
        _timer.Dispose();
        _stopping.Dispose();
    }

    private void Enqueue(TrafficEvent trafficEvent)
    {
        if (!_queue.Writer.TryWrite(trafficEvent))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    private async Task RunAsync()
    {
        try
        {
            while (await _timer.WaitForNextTickAsync(_stopping.Token))
            {
                // Stopping only interrupts the wait, never a report in flight: cancelling it would drop its batch.
                // The client's own timeout bounds it.
                await FlushAsync(CancellationToken.None);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: DisposeAsync sends the rest.
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        var (report, count) = Drain();
        if (count == 0)
        {
            return;
        }

        try
        {
            if (!await DeliverAsync(report, cancellationToken))
            {
                Drop(count, $"the agent does not monitor {_serverId}");
                return;
            }

            Interlocked.Increment(ref _sentBatches);
            if (_failing)
            {
                _failing = false;
                Log.AgentReportRecovered(_logger, _serverId);
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
        {
            Drop(count, exception.Message);
        }
    }

    /// <summary>Sends the report; when the agent does not know the server, attaches it again and sends once more.</summary>
    private async Task<bool> DeliverAsync(McpTrafficReport report, CancellationToken cancellationToken) =>
        await _client.ReportAsync(_serverId, report, cancellationToken)
        || (_attachAgain is not null && await _attachAgain(cancellationToken) && await _client.ReportAsync(_serverId, report, cancellationToken));

    private void Drop(int count, string reason)
    {
        Interlocked.Add(ref _dropped, count);
        if (!_failing)
        {
            _failing = true;
            Log.AgentReportFailed(_logger, _serverId, reason);
        }
    }

    /// <summary>Takes everything queued and groups it by labels.</summary>
    private (McpTrafficReport Report, int Count) Drain()
    {
        var operations = new Dictionary<McpOperation, List<double>>();
        var notifications = new Dictionary<string, long>(StringComparer.Ordinal);
        var count = 0;
        while (_queue.Reader.TryRead(out var trafficEvent))
        {
            count++;
            if (trafficEvent.NotificationMethod is { } method)
            {
                notifications[method] = notifications.GetValueOrDefault(method) + 1;
                continue;
            }

            var labels = trafficEvent.Operation with { Duration = TimeSpan.Zero };
            if (!operations.TryGetValue(labels, out var durations))
            {
                operations[labels] = durations = [];
            }

            durations.Add(trafficEvent.Operation.Duration.TotalSeconds);
        }

        var report = new McpTrafficReport
        {
            Operations = operations.Select(pair => new McpOperationBatch
            {
                Initiator = pair.Key.Initiator == MessageDirection.ServerToClient ? McpOperationBatch.ServerInitiator : McpOperationBatch.ClientInitiator,
                Method = pair.Key.Method,
                Tool = pair.Key.ToolName,
                Prompt = pair.Key.PromptName,
                ErrorType = pair.Key.ErrorType,
                ProtocolVersion = pair.Key.ProtocolVersion,
                DurationsSeconds = pair.Value,
            }).ToList(),
            Notifications = notifications.Select(pair => new McpNotificationCount(pair.Key, pair.Value)).ToList(),
        };
        return (report, count);
    }

    /// <summary>One queued measurement: an operation, or a notification when the method is set.</summary>
    private readonly record struct TrafficEvent(McpOperation Operation, string? NotificationMethod);
}
