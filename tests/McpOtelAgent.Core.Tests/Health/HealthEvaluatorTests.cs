using McpOtelAgent.Health;
using Microsoft.Extensions.Logging.Abstractions;

namespace McpOtelAgent.Core.Tests.Health;

public class HealthEvaluatorTests
{
    private sealed class ThrowingRule : IHealthRule
    {
        public IEnumerable<HealthIssue> Evaluate(HealthContext context) => throw new InvalidOperationException("broken rule");
    }

    private sealed class FixedRule(params HealthIssue[] issues) : IHealthRule
    {
        public IEnumerable<HealthIssue> Evaluate(HealthContext context) => issues;
    }

    private static HealthIssue Issue(Severity severity) => new("test", "test_alert", severity, "m", null, null, TimeSpan.Zero);

    private static HealthReport Evaluate(params IHealthRule[] rules)
    {
        var options = Samples.Options();
        return new HealthEvaluator(rules, NullLogger<HealthEvaluator>.Instance)
            .Evaluate(Samples.Up(), null, Samples.Defaults(options), options, Samples.Start);
    }

    [Fact]
    public void Evaluate_MixedSeverities_StatusIsWorstAndCountsAsSeed()
    {
        var report = Evaluate(new FixedRule(Issue(Severity.Info), Issue(Severity.Warning), Issue(Severity.Warning), Issue(Severity.Error)));

        Assert.Equal(HealthStatus.Error, report.Status);
        Assert.Equal(2, report.WarningCount);
        Assert.Equal(1, report.ErrorCount);
        Assert.Equal(Samples.Start, report.LastCheck);
        Assert.Equal(4, report.Issues.Count);
    }

    [Fact]
    public void Evaluate_OnlyInfoIssues_Healthy()
    {
        Assert.Equal(HealthStatus.Healthy, Evaluate(new FixedRule(Issue(Severity.Info))).Status);
    }

    [Fact]
    public void Evaluate_CriticalIssue_CriticalStatusCountedAsError()
    {
        var report = Evaluate(new FixedRule(Issue(Severity.Critical)));

        Assert.Equal(HealthStatus.Critical, report.Status);
        Assert.Equal(1, report.ErrorCount);
    }

    [Fact]
    public void Evaluate_RuleThrows_OtherRulesStillCount()
    {
        var report = Evaluate(new ThrowingRule(), new FixedRule(Issue(Severity.Warning)));

        Assert.Single(report.Issues);
        Assert.Equal(HealthStatus.Warning, report.Status);
    }

    [Fact]
    public void Evaluate_BuiltInRulesOnHealthySample_NoIssues()
    {
        var rules = ThresholdDefinition.All.Select(d => (IHealthRule)new ThresholdRule(d))
            .Concat([new ProcessStateRule(), new ProcessDownRule(Samples.Registry()), new MemoryLeakRule(), new CpuRisingRule(), new ForecastRule()])
            .ToArray();

        var report = Evaluate(rules);

        Assert.Equal(HealthStatus.Healthy, report.Status);
        Assert.Empty(report.Issues);
    }
}
