namespace McpOtelAgent.Wrapping;

/// <summary>One finished request as the wrapper saw it: labels for the duration histogram, and the duration.</summary>
/// <remarks>
/// <c>Initiator</c>: <see cref="MessageDirection.ClientToServer"/> for a request the client sent (a server operation), <see cref="MessageDirection.ServerToClient"/> for one the server sent (sampling, elicitation, roots).<br/>
/// <c>ErrorType</c>: The JSON-RPC error code as text, <c>tool_error</c>, <c>cancelled</c>, or null on success.
/// </remarks>
internal readonly record struct McpOperation(
    MessageDirection Initiator,
    string Method,
    string? ToolName,
    string? PromptName,
    string? ErrorType,
    string? ProtocolVersion,
    TimeSpan Duration);
