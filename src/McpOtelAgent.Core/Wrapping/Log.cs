using Microsoft.Extensions.Logging;

namespace McpOtelAgent.Wrapping;

/// <summary>Log events of <c>mcp-otel-agent wrap</c>: EventIds 4000–4999, append-only, never renumbered.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Error, Message = "Could not start the wrapped server '{Command}': {Reason}")]
    public static partial void StartFailed(ILogger logger, string command, string reason);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "Wrapped server {ServerId} started as pid {Pid}")]
    public static partial void Started(ILogger logger, string serverId, int pid);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Debug, Message = "Wrapped server {ServerId} exited with code {ExitCode}")]
    public static partial void Exited(ILogger logger, string serverId, int exitCode);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Traffic observation of the {Direction} stream stopped after an error; piping goes on")]
    public static partial void ObservationFailed(ILogger logger, MessageDirection direction, Exception exception);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Debug, Message = "The wrapped server's stdout stayed open {Seconds} s after it exited (a descendant holds it); stopped relaying it")]
    public static partial void DrainTimedOut(ILogger logger, double seconds);
}
