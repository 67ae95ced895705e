namespace McpOtelAgent.Wrapping;

/// <summary>Records one wrapped server's traffic straight into <see cref="WrapMetrics"/> (OTLP export mode, tests).</summary>
internal sealed class WrapMetricsSink(WrapMetrics metrics, string serverId) : IMcpTrafficSink
{
    public void RecordOperation(in McpOperation operation) => metrics.RecordOperation(serverId, operation);

    public void RecordNotification(string method, MessageDirection direction) => metrics.RecordNotifications(serverId, method);
}
