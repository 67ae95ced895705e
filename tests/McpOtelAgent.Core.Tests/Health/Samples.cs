using McpOtelAgent.Configuration;
using McpOtelAgent.Health;
using McpOtelAgent.Probes;
using McpOtelAgent.Sampling;
using McpOtelAgent.Targets;
using McpOtelAgent.Trends;

namespace McpOtelAgent.Core.Tests.Health;

/// <summary>Builds samples and trend windows the way the sampler would publish them.</summary>
internal static class Samples
{
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    public static ProcessSnapshot Process(int pid, ProcessState state = ProcessState.Sleeping, string name = "node") => new()
    {
        Key = new ProcessKey(pid, 1000),
        Name = name,
        State = state,
        ParentPid = 1,
        ClockTicksPerSecond = 100,
        UserTicks = 0,
        SystemTicks = 0,
        ChildrenUserTicks = 0,
        ChildrenSystemTicks = 0,
        MinorFaults = 0,
        MajorFaults = 0,
        ThreadCount = 1,
        Nice = 0,
        VirtualMemoryBytes = 0,
        ResidentMemoryBytes = 0,
        CreateTime = Start.AddHours(-1),
        MemoryPercent = 0,
    };

    public static TargetSample Up(
        string serverId = "fs",
        DateTimeOffset? at = null,
        double? cpuPercent = 1,
        double memoryMb = 100,
        double memoryPercent = 1,
        int threads = 4,
        int? fds = 10,
        double? fdRatio = 0.01,
        IReadOnlyList<ProcessSnapshot>? processes = null)
    {
        processes ??= [Process(4242)];
        return new TargetSample
        {
            ServerId = serverId,
            Timestamp = at ?? Start,
            State = TargetState.Up,
            Root = processes[0],
            Processes = processes,
            CpuPercent = cpuPercent,
            ResidentMemoryBytes = (ulong)(memoryMb * 1024 * 1024),
            MemoryPercent = memoryPercent,
            ThreadCount = threads,
            OpenFileDescriptors = fds,
            FileDescriptorUsageRatio = fdRatio,
        };
    }

    public static TargetSample Down(string serverId = "fs", string reason = "no such pid", DateTimeOffset? at = null) => new()
    {
        ServerId = serverId,
        Timestamp = at ?? Start,
        State = TargetState.Down,
        DownReason = reason,
    };

    /// <summary>A trend window of <paramref name="count"/> points every <paramref name="step"/> from the given series.</summary>
    public static TrendSummary Trend(int count, TimeSpan step, Func<int, double?> cpu, Func<int, double> memoryMb, Func<int, double?>? fds = null)
    {
        var window = new TrendWindow(Math.Max(count, 2));
        for (var i = 0; i < count; i++)
        {
            window.Add(new TrendPoint(Start + (step * i), cpu(i), memoryMb(i) * 1024 * 1024, fds?.Invoke(i) ?? 10));
        }

        return window.Summarize();
    }

    /// <summary>A target registry without self-monitoring, holding <paramref name="targets"/>.</summary>
    public static TargetRegistry Registry(params TargetDefinition[] targets)
    {
        var registry = new TargetRegistry(
            Microsoft.Extensions.Options.Options.Create(new AgentOptions { SelfMonitoring = { Enabled = false } }), new SampleStore(10));
        foreach (var target in targets)
        {
            registry.Add(target);
        }

        return registry;
    }

    public static HealthOptions Options(Action<HealthOptions>? configure = null)
    {
        var options = new HealthOptions { CheckInterval = TimeSpan.FromSeconds(30) };
        configure?.Invoke(options);
        return options;
    }

    public static IReadOnlyList<Threshold> Defaults(HealthOptions? options = null) =>
        new ThresholdStore(Microsoft.Extensions.Options.Options.Create(options ?? Options())).GetAll();

    public static HealthContext Context(TargetSample sample, TrendSummary? trends = null, HealthOptions? options = null)
    {
        options ??= Options();
        var thresholds = Defaults(options);
        return new HealthContext(sample, trends, thresholds, HealthForecaster.Forecast(sample, trends, thresholds, options), options, sample.Timestamp);
    }
}
