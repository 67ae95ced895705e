namespace McpOtelAgent.Telemetry;

/// <summary>Attributes of the wrapper's instruments, from the OpenTelemetry MCP semantic conventions.</summary>
internal static partial class AttributeNames
{
    public const string McpMethodName = "mcp.method.name";
    public const string GenAiToolName = "gen_ai.tool.name";
    public const string GenAiPromptName = "gen_ai.prompt.name";
    public const string ErrorType = "error.type";
    public const string McpProtocolVersion = "mcp.protocol.version";

    /// <summary><c>pipe</c> for stdio, as the conventions say.</summary>
    public const string NetworkTransport = "network.transport";
}
