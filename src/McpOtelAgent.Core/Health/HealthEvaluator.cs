using McpOtelAgent.Sampling;
using McpOtelAgent.Trends;
using Microsoft.Extensions.Logging;

namespace McpOtelAgent.Health;

/// <summary>
/// Runs every registered <see cref="IHealthRule"/> over one server's latest sample, trends and effective thresholds at a
/// given time. Pure apart from logging a rule that throws: that rule is skipped, the others still count.
/// </summary>
internal sealed class HealthEvaluator(IEnumerable<IHealthRule> rules, ILogger<HealthEvaluator> logger)
{
    private readonly IHealthRule[] _rules = [.. rules];

    public HealthReport Evaluate(
        TargetSample sample, TrendSummary? trends, IReadOnlyList<Threshold> thresholds, HealthOptions options, DateTimeOffset now)
    {
        var forecasts = HealthForecaster.Forecast(sample, trends, thresholds, options);
        var context = new HealthContext(sample, trends, thresholds, forecasts, options, now);
        List<HealthIssue> issues = [];
        foreach (var rule in _rules)
        {
            try
            {
                issues.AddRange(rule.Evaluate(context));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                HealthLog.RuleFailed(logger, ex, rule.GetType().Name, sample.ServerId);
            }
        }

        return new HealthReport(sample.ServerId, HealthReport.StatusOf(issues), issues, forecasts, now);
    }
}
