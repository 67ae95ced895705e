using McpOtelAgent.Redaction;
using McpOtelAgent.Sampling;
using McpOtelAgent.Targets;
using McpOtelAgent.Telemetry;
using McpOtelAgent.Trends;

namespace McpOtelAgent.Api;

/// <summary>Maps targets and samples to the API's response records. Pure; the endpoints only look things up.</summary>
internal static class ServerResponses
{
    private const double Megabyte = 1024.0 * 1024.0;

    public static ServerStatusResponse Status(TargetDefinition target, TargetSample? sample) => new(
        target.ServerId,
        target.Origin.ToString().ToLowerInvariant(),
        SecretRedactor.RedactText(target.Root.Description),
        target.IncludeChildren,
        StateName(sample),
        sample?.DownReason,
        sample?.Root?.Pid,
        sample?.Processes.Select(static p => p.Pid).ToArray() ?? [],
        sample?.Timestamp,
        sample is null ? null : Metrics(target.ServerId, sample));

    public static ProcessMetricsResponse Metrics(string serverId, TargetSample? sample) =>
        sample is { State: TargetState.Up, Root: { } root }
            ? new(serverId, sample.Timestamp, ProcessInstruments.StateName(root.State), root.Pid, sample.CpuPercent,
                sample.MemoryMegabytes, sample.MemoryPercent, sample.Uptime.TotalSeconds, sample.ThreadCount,
                sample.OpenFileDescriptors)
            : new(serverId, sample?.Timestamp, StateName(sample), null, null, null, null, null, null, null);

    public static ExtendedMetricsResponse Extended(string serverId, TargetSample? sample)
    {
        var basic = Metrics(serverId, sample);
        if (sample is not { State: TargetState.Up, Root: { } root })
        {
            return new(basic, null, [], [], null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, [], null, null, null, null);
        }

        return new(
            basic,
            root.ParentPid,
            root.Children,
            sample.Processes.Select(static p => p.Pid).ToArray(),
            sample.CpuUtilization,
            sample.CpuUserSeconds,
            sample.CpuSystemSeconds,
            sample.ResidentMemoryBytes,
            sample.VirtualMemoryBytes,
            sample.SharedMemoryBytes,
            sample.Io?.ReadCount,
            sample.Io?.WriteCount,
            sample.Io?.ReadBytes,
            sample.Io?.WriteBytes,
            sample.Io?.ReadChars,
            sample.Io?.WriteChars,
            sample.VoluntaryContextSwitches,
            sample.InvoluntaryContextSwitches,
            sample.MinorFaults,
            sample.MajorFaults,
            sample.FileDescriptorLimit,
            sample.FileDescriptorUsageRatio,
            sample.OpenFiles,
            sample.InetConnections,
            root.Name,
            root.Exe,
            SecretRedactor.RedactArguments(root.Cmdline),
            root.Cwd,
            root.UserName,
            root.CreateTime,
            sample.MissingParts == Probes.ProbeParts.None ? null : sample.MissingParts.ToString());
    }

    public static TrendsResponse Trends(string serverId, TrendSummary? summary, int windowSize) => summary is null
        ? new(serverId, 0, windowSize, null, null, null, null, null, null, [])
        : new(
            serverId,
            summary.Samples,
            windowSize,
            summary.CpuAverage,
            summary.CpuPeak,
            summary.MemoryAverageBytes / Megabyte,
            summary.MemoryPeakBytes / Megabyte,
            summary.MemorySlopeBytesPerSecond,
            summary.FileDescriptorSlopePerSecond,
            summary.History.Select(static p => new TrendPointResponse(p.Timestamp, p.CpuPercent, p.MemoryBytes / Megabyte, p.FileDescriptors)).ToArray());

    private static string StateName(TargetSample? sample) => sample?.State switch
    {
        TargetState.Up => "up",
        TargetState.Down => "down",
        TargetState.Stopped => "stopped",
        TargetState.Remote => "remote",
        _ => "pending",
    };
}
