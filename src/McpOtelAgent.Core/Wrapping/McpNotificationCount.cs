namespace McpOtelAgent.Wrapping;

/// <summary>How many notifications of one method passed through a wrapper, in a <see cref="McpTrafficReport"/>.</summary>
internal sealed record McpNotificationCount(string Method, long Count);
