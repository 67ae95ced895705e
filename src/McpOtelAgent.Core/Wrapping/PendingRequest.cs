namespace McpOtelAgent.Wrapping;

/// <summary>A request seen on the wire whose reply has not come yet.</summary>
/// <remarks>
/// <c>Name</c>: Tool or prompt name, only for <c>tools/call</c> and <c>prompts/get</c>.<br/>
/// <c>StartTimestamp</c>: From <see cref="TimeProvider.GetTimestamp"/> when the wrapper read the request.<br/>
/// <c>Sequence</c>: Insertion order, to evict the oldest first.
/// </remarks>
internal readonly record struct PendingRequest(string Method, string? Name, long StartTimestamp, long Sequence);
