namespace McpOtelAgent.Wrapping;

/// <summary>Hands every measurement to several sinks (the agent and OTLP export can both be on).</summary>
internal sealed class CompositeTrafficSink(IReadOnlyList<IMcpTrafficSink> sinks) : IMcpTrafficSink
{
    public void RecordOperation(in McpOperation operation)
    {
        foreach (var sink in sinks)
        {
            sink.RecordOperation(operation);
        }
    }

    public void RecordNotification(string method, MessageDirection direction)
    {
        foreach (var sink in sinks)
        {
            sink.RecordNotification(method, direction);
        }
    }
}
