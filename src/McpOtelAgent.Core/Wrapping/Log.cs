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

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Could not attach {ServerId} (pid {Pid}) to the agent: {Reason}; piping goes on")]
    public static partial void AgentAttachFailed(ILogger logger, string serverId, int pid, string reason);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "Could not report the MCP traffic of {ServerId} to the agent: {Reason}; measurements are dropped until it answers, piping goes on")]
    public static partial void AgentReportFailed(ILogger logger, string serverId, string reason);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Information, Message = "Reporting the MCP traffic of {ServerId} to the agent again")]
    public static partial void AgentReportRecovered(ILogger logger, string serverId);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Debug, Message = "Could not detach {ServerId} from the agent: {Reason}")]
    public static partial void AgentDetachFailed(ILogger logger, string serverId, string reason);
}
