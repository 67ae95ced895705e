using McpOtelAgent.Wrapping;

namespace McpOtelAgent.Core.Tests.Wrapping;

internal sealed class RecordingSink : IMcpTrafficSink
{
    public List<McpOperation> Operations { get; } = [];

    public List<(string Method, MessageDirection Direction)> Notifications { get; } = [];

    public void RecordOperation(in McpOperation operation) => Operations.Add(operation);

    public void RecordNotification(string method, MessageDirection direction) => Notifications.Add((method, direction));
}
