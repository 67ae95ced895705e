using Microsoft.Extensions.Logging;

namespace McpOtelAgent.Lifecycle;

/// <summary>
/// Log events of lifecycle, MCP probes and discovery. EventIds 3000–3999, append-only: never renumber.
/// Command lines and stderr lines pass through the secret redactor before they get here.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "MCP server {ServerId} started, pid {Pid}")]
    public static partial void ServerStarted(ILogger logger, string serverId, int pid);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "MCP server {ServerId} (pid {Pid}) exited unexpectedly with {Exit} after {UptimeSeconds:F1} s")]
    public static partial void ServerExited(ILogger logger, string serverId, int pid, string exit, double uptimeSeconds);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "MCP server {ServerId}: restart {Attempt} in {DelaySeconds:F1} s")]
    public static partial void RestartScheduled(ILogger logger, string serverId, int attempt, double delaySeconds);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "MCP server {ServerId} is crash-looping: {Restarts} restarts within {WindowSeconds:F0} s; not restarting it again until started by hand")]
    public static partial void CrashLoop(ILogger logger, string serverId, int restarts, double windowSeconds);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Error, Message = "MCP server {ServerId} failed to start: {Reason}")]
    public static partial void FailedToStart(ILogger logger, string serverId, string reason);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Stopping MCP server {ServerId} (pid {Pid})")]
    public static partial void Stopping(ILogger logger, string serverId, int pid);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "MCP server {ServerId} stopped with {Exit}")]
    public static partial void Stopped(ILogger logger, string serverId, string exit);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Information, Message = "[{ServerId}] {Line}")]
    public static partial void Stderr(ILogger logger, string serverId, string line);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Warning, Message = "[{ServerId}] {Count} stderr lines suppressed by the rate limit")]
    public static partial void StderrSuppressed(ILogger logger, string serverId, long count);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Warning, Message = "MCP server {ServerId} did not stop in time; sending signal {Signal} to its process group")]
    public static partial void StopEscalated(ILogger logger, string serverId, int signal);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Warning, Message = "MCP probe of {ServerId} failed ({ConsecutiveFailures} in a row): {Error}")]
    public static partial void ProbeFailed(ILogger logger, string serverId, int consecutiveFailures, string error);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Information, Message = "MCP probe of {ServerId} succeeded again after {Failures} failures")]
    public static partial void ProbeRecovered(ILogger logger, string serverId, int failures);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Information, Message = "MCP session with {ServerId}: {ServerName} {ServerVersion}, protocol {ProtocolVersion}")]
    public static partial void ProbeConnected(ILogger logger, string serverId, string? serverName, string? serverVersion, string? protocolVersion);

    [LoggerMessage(EventId = 3013, Level = LogLevel.Warning, Message = "Refreshing the tool list of {ServerId} failed: {Error}")]
    public static partial void ToolsRefreshFailed(ILogger logger, string serverId, string error);

    [LoggerMessage(EventId = 3014, Level = LogLevel.Error, Message = "Supervising MCP server {ServerId} failed unexpectedly")]
    public static partial void SupervisorFault(ILogger logger, string serverId, Exception exception);

    [LoggerMessage(EventId = 3015, Level = LogLevel.Error, Message = "A {EventName} subscriber of MCP server {ServerId} failed; the server's lifecycle goes on")]
    public static partial void SubscriberFailed(ILogger logger, string serverId, string eventName, Exception exception);

    [LoggerMessage(EventId = 3020, Level = LogLevel.Information, Message = "Discovered MCP server process {Pid} ({Name}) as {ServerId}")]
    public static partial void Discovered(ILogger logger, int pid, string name, string serverId);

    [LoggerMessage(EventId = 3021, Level = LogLevel.Warning, Message = "Discovery sweep failed")]
    public static partial void DiscoveryFailed(ILogger logger, Exception exception);
}
