using System.Globalization;
using McpOtelAgent.Alerts;
using McpOtelAgent.Trends;

namespace McpOtelAgent.Health;

/// <summary>
/// CPU use is climbing: the least-squares line of CPU percent over the trend window rises by at least
/// <see cref="HealthOptions.CpuRiseMinPoints"/> points. Informational: a rising load is worth knowing before it
/// crosses <c>cpu_percent</c>, which is the rule that warns.
/// </summary>
internal sealed class CpuRisingRule : IHealthRule
{
    public const string RuleName = "cpu_rising";

    public IEnumerable<HealthIssue> Evaluate(HealthContext context)
    {
        if (context.SufficientTrends is not { } trends
            || TrendSummary.LeastSquaresSlope(trends.History, static p => p.CpuPercent) is not { } slope
            || slope <= 0)
        {
            yield break;
        }

        var span = (trends.History[^1].Timestamp - trends.History[0].Timestamp).TotalSeconds;
        var rise = slope * span;
        var minimum = context.Options.CpuRiseMinPoints;
        if (rise < minimum)
        {
            yield break;
        }

        var message = string.Create(
            CultureInfo.InvariantCulture, $"CPU use rose {rise:0.#} points over the last {span:0} s (average {trends.CpuAverage:0.#}%)");
        yield return new HealthIssue(RuleName, AlertTypes.TrendDegradation, Severity.Info, message, rise, minimum, context.Options.EffectiveDefaultFor);
    }
}
