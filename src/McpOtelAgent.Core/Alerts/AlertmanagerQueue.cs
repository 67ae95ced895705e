using System.Threading.Channels;
using McpOtelAgent.Health;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpOtelAgent.Alerts;

/// <summary>
/// The bounded queue between the health check (which must never wait on the network) and the Alertmanager forwarder.
/// When full, the oldest notification is dropped and logged: a dropped firing alert is sent again at the next resend.
/// </summary>
internal sealed class AlertmanagerQueue
{
    private readonly Channel<AlertmanagerAlert> _channel;

    public AlertmanagerQueue(IOptions<AlertOptions> options, ILogger<AlertmanagerQueue> logger)
    {
        var capacity = options.Value.Alertmanager.QueueCapacity;
        _channel = Channel.CreateBounded<AlertmanagerAlert>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            dropped => HealthLog.AlertmanagerQueueFull(logger, capacity, dropped.Labels["alert_type"], dropped.Labels["server_id"]));
    }

    public ChannelReader<AlertmanagerAlert> Reader => _channel.Reader;

    public void Enqueue(AlertmanagerAlert alert) => _channel.Writer.TryWrite(alert);
}
