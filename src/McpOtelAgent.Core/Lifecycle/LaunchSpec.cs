namespace McpOtelAgent.Lifecycle;

/// <summary>What to launch: a resolved executable, its arguments, its full environment and working directory.</summary>
internal sealed record LaunchSpec(
    string ServerId,
    string Executable,
    IReadOnlyList<string> Args,
    IReadOnlyDictionary<string, string> Environment,
    string? WorkingDirectory);
