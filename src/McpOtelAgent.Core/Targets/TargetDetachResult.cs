namespace McpOtelAgent.Targets;

internal enum TargetDetachResult
{
    Detached = 0,

    /// <summary>No target with that <c>server_id</c>.</summary>
    NotFound,

    /// <summary>
    /// A configured, managed, remote or self target: detaching it would leave e.g. a launched server running
    /// unmonitored, with no way back through the API. Such targets go away by changing the configuration.
    /// </summary>
    NotDetachable,
}
