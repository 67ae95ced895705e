using McpOtelAgent.Alerts;
using McpOtelAgent.Health;
using McpOtelAgent.Probes;
using McpOtelAgent.Sampling;
using McpOtelAgent.Targets;

namespace McpOtelAgent.Core.Tests.Health;

public class ProcessRulesTests
{
    [Theory]
    [InlineData(nameof(ProcessState.Zombie), nameof(Severity.Error))]
    [InlineData(nameof(ProcessState.Dead), nameof(Severity.Error))]
    [InlineData(nameof(ProcessState.Stopped), nameof(Severity.Warning))]
    [InlineData(nameof(ProcessState.TracingStop), nameof(Severity.Warning))]
    public void ProcessStateRule_RootInBadState_ProcessHealthIssue(string state, string expected)
    {
        var sample = Samples.Up(processes: [Samples.Process(10, Enum.Parse<ProcessState>(state))]);

        var issue = Assert.Single(new ProcessStateRule().Evaluate(Samples.Context(sample)));

        Assert.Equal(AlertTypes.ProcessHealth, issue.AlertType);
        Assert.Equal(Enum.Parse<Severity>(expected), issue.Severity);
        Assert.Contains("root process 10", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProcessStateRule_ZombieChild_Warning()
    {
        var sample = Samples.Up(processes: [Samples.Process(10), Samples.Process(11, ProcessState.Zombie, "sh")]);

        var issue = Assert.Single(new ProcessStateRule().Evaluate(Samples.Context(sample)));

        Assert.Equal(Severity.Warning, issue.Severity);
        Assert.Contains("child process 11 (sh) is a zombie", issue.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(ProcessState.Running))]
    [InlineData(nameof(ProcessState.Sleeping))]
    [InlineData(nameof(ProcessState.DiskSleep))]
    [InlineData(nameof(ProcessState.Idle))]
    public void ProcessStateRule_HealthyStates_NoIssue(string state)
    {
        var sample = Samples.Up(processes: [Samples.Process(10, Enum.Parse<ProcessState>(state))]);

        Assert.Empty(new ProcessStateRule().Evaluate(Samples.Context(sample)));
    }

    [Fact]
    public void ProcessDownRule_DownServer_CriticalProcessDownWithReason()
    {
        var issue = Assert.Single(new ProcessDownRule(Samples.Registry()).Evaluate(Samples.Context(Samples.Down(reason: "pid file missing"))));

        Assert.Equal(AlertTypes.ProcessDown, issue.AlertType);
        Assert.Equal(Severity.Critical, issue.Severity);
        Assert.Contains("pid file missing", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProcessDownRule_StoppedOnPurpose_NoIssue()
    {
        var stopped = Samples.Down(reason: "stopped") with { State = TargetState.Stopped };

        Assert.Empty(new ProcessDownRule(Samples.Registry()).Evaluate(Samples.Context(stopped)));
    }

    [Fact]
    public void ProcessDownRule_UpServer_NoIssue()
    {
        Assert.Empty(new ProcessDownRule(Samples.Registry()).Evaluate(Samples.Context(Samples.Up())));
    }

    [Theory]
    [InlineData(nameof(TargetOrigin.Config), true)]
    [InlineData(nameof(TargetOrigin.Api), true)]
    [InlineData(nameof(TargetOrigin.Managed), true)]
    [InlineData(nameof(TargetOrigin.Discovered), false)]
    public void ProcessDownRule_DownServerByOrigin_OnlyDiscoveredOnesMayEnd(string origin, bool expected)
    {
        var registry = Samples.Registry(new TargetDefinition("fs", new PidRootSource(4242), IncludeChildren: true, Enum.Parse<TargetOrigin>(origin)));

        Assert.Equal(expected, new ProcessDownRule(registry).Evaluate(Samples.Context(Samples.Down())).Any());
    }
}
