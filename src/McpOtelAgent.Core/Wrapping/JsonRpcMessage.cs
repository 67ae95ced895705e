namespace McpOtelAgent.Wrapping;

/// <summary>
/// What the wrapper keeps of one JSON-RPC message: the envelope and the few MCP fields that label a measurement. Never
/// arguments, results or any other content.
/// </summary>
/// <remarks>
/// <c>Id</c>: The request id as a key that keeps numbers and strings apart (<c>n:1</c>, <c>s:1</c>).<br/>
/// <c>Name</c>: <c>params.name</c>: the tool of a <c>tools/call</c>, the prompt of a <c>prompts/get</c>.<br/>
/// <c>ErrorCode</c>: The JSON-RPC <c>error.code</c> of an error response.<br/>
/// <c>IsToolError</c>: <c>result.isError</c> is <c>true</c> (a tool that ran and failed).<br/>
/// <c>ProtocolVersion</c>: <c>params.protocolVersion</c> or <c>result.protocolVersion</c> (initialize).<br/>
/// <c>CancelledRequestId</c>: <c>params.requestId</c> of <c>notifications/cancelled</c>, keyed like <c>Id</c>.
/// </remarks>
internal readonly record struct JsonRpcMessage(
    JsonRpcMessageKind Kind,
    string? Id,
    string? Method,
    string? Name,
    long? ErrorCode,
    bool IsToolError,
    string? ProtocolVersion,
    string? CancelledRequestId);
