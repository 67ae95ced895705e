using McpOtelAgent.Alerts;
using McpOtelAgent.Sampling;

namespace McpOtelAgent.Health;

/// <summary>
/// A threshold the agent knows: its default warning level, how the critical level follows from the warning level when
/// only the warning is set (<see cref="CriticalStep"/>: points added for percentages and ratios, a factor for counts),
/// the alert type it feeds, and how to read its value from a sample.
/// </summary>
internal sealed record ThresholdDefinition(
    string Name,
    double DefaultWarning,
    ThresholdStep CriticalStep,
    string AlertType,
    Func<TargetSample, double?> Read)
{
    /// <summary>Every threshold, in the order the API lists them.</summary>
    public static IReadOnlyList<ThresholdDefinition> All { get; } =
    [
        new(ThresholdNames.CpuPercent, 80, ThresholdStep.Add(15), AlertTypes.HighCpu, static s => s.CpuPercent),
        new(ThresholdNames.MemoryPercent, 85, ThresholdStep.Add(10), AlertTypes.HighMemory, static s => s.MemoryPercent),
        new(ThresholdNames.MemoryMb, 1024, ThresholdStep.Multiply(2), AlertTypes.HighMemory, static s => s.MemoryMegabytes),
        new(ThresholdNames.FileDescriptors, 1000, ThresholdStep.Multiply(2), AlertTypes.ResourceLimit, static s => s.OpenFileDescriptors),
        new(ThresholdNames.ThreadCount, 100, ThresholdStep.Multiply(2), AlertTypes.ResourceLimit, static s => s.ThreadCount),
        new(ThresholdNames.FdUsageRatio, 0.8, ThresholdStep.Add(0.15), AlertTypes.ResourceLimit, static s => s.FileDescriptorUsageRatio),
    ];

    public double DefaultCritical => CriticalStep.Apply(DefaultWarning);

    /// <summary>The definition of a threshold name, matched case-insensitively; null for an unknown name.</summary>
    public static ThresholdDefinition? Find(string name) =>
        All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));
}
