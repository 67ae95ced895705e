using Microsoft.Extensions.Logging;

namespace McpOtelAgent.Telemetry;

/// <summary>Log events of the agent, targets, sampling and API: EventIds 1000–1999, append only, never renumbered.</summary>
internal static partial class AgentLog
{
    [LoggerMessage(1000, LogLevel.Information, "Sampling every {IntervalSeconds} s")]
    public static partial void SamplingStarted(ILogger logger, double intervalSeconds);

    [LoggerMessage(1001, LogLevel.Warning, "Sampling {ServerId} failed")]
    public static partial void TargetSampleFailed(ILogger logger, string serverId, Exception exception);

    [LoggerMessage(1002, LogLevel.Error, "Sampling sweep failed")]
    public static partial void SweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(1003, LogLevel.Information, "Target {ServerId} added ({Description}, origin {Origin})")]
    public static partial void TargetAdded(ILogger logger, string serverId, string description, string origin);

    [LoggerMessage(1004, LogLevel.Information, "Target {ServerId} removed")]
    public static partial void TargetRemoved(ILogger logger, string serverId);

    [LoggerMessage(1005, LogLevel.Warning,
        "No API key is set: every state-changing API call answers 401. Set MCPOTEL_API_KEY or Agent:ApiKey to enable them")]
    public static partial void NoApiKey(ILogger logger);

    [LoggerMessage(1006, LogLevel.Warning,
        "!!! The agent listens on {Urls}, which is not loopback: its API and metrics are reachable from the network !!!")]
    public static partial void NonLoopbackBind(ILogger logger, string urls);

    [LoggerMessage(1007, LogLevel.Information, "OTLP export on ({Endpoint})")]
    public static partial void OtlpEnabled(ILogger logger, string endpoint);

    [LoggerMessage(1008, LogLevel.Information, "Monitoring {TargetCount} targets; metrics at {Urls}/metrics")]
    public static partial void AgentStarted(ILogger logger, int targetCount, string urls);

    [LoggerMessage(1009, LogLevel.Warning, "Server {ServerId} is down: {Reason}")]
    public static partial void TargetDown(ILogger logger, string serverId, string reason);

    [LoggerMessage(1010, LogLevel.Information, "Server {ServerId} is up: pid {Pid}, {ProcessCount} processes")]
    public static partial void TargetUp(ILogger logger, string serverId, int pid, int processCount);
}
