namespace McpOtelAgent.Lifecycle;

/// <summary>
/// The MCP stdio shutdown sequence (spec, "Lifecycle", stdio): close the server's stdin and wait
/// <see cref="StdinGrace"/>, then SIGTERM the process group and wait <see cref="TermGrace"/>, then SIGKILL it.
/// </summary>
internal sealed record StopPolicy(TimeSpan StdinGrace, TimeSpan TermGrace)
{
    public static StopPolicy Default { get; } = new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
}
