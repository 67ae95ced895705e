namespace McpOtelAgent.Wrapping;

/// <summary>Where the observer's measurements go: OpenTelemetry instruments here, or the agent's report endpoint.</summary>
internal interface IMcpTrafficSink
{
    void RecordOperation(in McpOperation operation);

    void RecordNotification(string method, MessageDirection direction);
}
