using McpOtelAgent.Alerts;
using McpOtelAgent.Health;

namespace McpOtelAgent.Core.Tests.Health;

public class ThresholdRuleTests
{
    private static ThresholdRule Rule(string name) => new(ThresholdDefinition.Find(name)!);

    [Fact]
    public void Evaluate_CpuAboveWarning_WarningIssueWithValueAndThreshold()
    {
        var issue = Assert.Single(Rule(ThresholdNames.CpuPercent).Evaluate(Samples.Context(Samples.Up(cpuPercent: 85))));

        Assert.Equal(ThresholdNames.CpuPercent, issue.Rule);
        Assert.Equal(AlertTypes.HighCpu, issue.AlertType);
        Assert.Equal(Severity.Warning, issue.Severity);
        Assert.Equal(85, issue.Value);
        Assert.Equal(80, issue.Threshold);
        Assert.Equal(TimeSpan.FromSeconds(60), issue.For);
    }

    [Fact]
    public void Evaluate_CpuAboveCritical_CriticalIssueAgainstCriticalLevel()
    {
        var issue = Assert.Single(Rule(ThresholdNames.CpuPercent).Evaluate(Samples.Context(Samples.Up(cpuPercent: 130))));

        Assert.Equal(Severity.Critical, issue.Severity);
        Assert.Equal(95, issue.Threshold);
    }

    [Fact]
    public void Evaluate_ValueExactlyAtWarning_NoIssue()
    {
        Assert.Empty(Rule(ThresholdNames.CpuPercent).Evaluate(Samples.Context(Samples.Up(cpuPercent: 80))));
    }

    [Fact]
    public void Evaluate_FirstSampleWithoutCpuPercent_NoIssue()
    {
        Assert.Empty(Rule(ThresholdNames.CpuPercent).Evaluate(Samples.Context(Samples.Up(cpuPercent: null))));
    }

    [Fact]
    public void Evaluate_DownServer_NoThresholdIssue()
    {
        Assert.Empty(Rule(ThresholdNames.MemoryMb).Evaluate(Samples.Context(Samples.Down())));
    }

    [Theory]
    [InlineData(ThresholdNames.MemoryPercent, AlertTypes.HighMemory, 86, 85)]
    [InlineData(ThresholdNames.MemoryMb, AlertTypes.HighMemory, 1100, 1024)]
    [InlineData(ThresholdNames.FileDescriptors, AlertTypes.ResourceLimit, 1001, 1000)]
    [InlineData(ThresholdNames.ThreadCount, AlertTypes.ResourceLimit, 101, 100)]
    [InlineData(ThresholdNames.FdUsageRatio, AlertTypes.ResourceLimit, 0.85, 0.8)]
    public void Evaluate_EachThresholdAboveItsSeedDefault_WarningOfItsAlertType(string name, string alertType, double value, double warning)
    {
        var sample = name switch
        {
            ThresholdNames.MemoryPercent => Samples.Up(memoryPercent: value),
            ThresholdNames.MemoryMb => Samples.Up(memoryMb: value),
            ThresholdNames.FileDescriptors => Samples.Up(fds: (int)value),
            ThresholdNames.ThreadCount => Samples.Up(threads: (int)value),
            _ => Samples.Up(fdRatio: value),
        };

        var issue = Assert.Single(Rule(name).Evaluate(Samples.Context(sample)));

        Assert.Equal(alertType, issue.AlertType);
        Assert.Equal(Severity.Warning, issue.Severity);
        Assert.Equal(warning, issue.Threshold!.Value, 6);
    }
}
