namespace McpOtelAgent.Targets;

internal enum TargetAddResult
{
    Added = 0,

    /// <summary>A target with that <c>server_id</c> exists already.</summary>
    Exists,

    /// <summary><c>Agent:MaxTargets</c> reached.</summary>
    Full,
}
