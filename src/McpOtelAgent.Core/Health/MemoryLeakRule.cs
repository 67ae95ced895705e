using System.Globalization;
using McpOtelAgent.Alerts;

namespace McpOtelAgent.Health;

/// <summary>
/// A leak is memory that keeps growing: the least-squares line through the whole trend window rises by at least
/// <see cref="HealthOptions.MemoryLeakMinGrowthPercent"/> of the window's mean. Fitting the whole window (rather than
/// comparing two samples) ignores a single allocation burst that is freed again.
/// </summary>
internal sealed class MemoryLeakRule : IHealthRule
{
    public const string RuleName = "memory_leak";

    public IEnumerable<HealthIssue> Evaluate(HealthContext context)
    {
        if (context.SufficientTrends is not { MemorySlopeBytesPerSecond: > 0 and var slope, MemoryAverageBytes: > 0 and var mean } trends)
        {
            yield break;
        }

        var span = (trends.History[^1].Timestamp - trends.History[0].Timestamp).TotalSeconds;
        var growthPercent = slope * span / mean * 100;
        var minimum = context.Options.MemoryLeakMinGrowthPercent;
        if (growthPercent < minimum)
        {
            yield break;
        }

        var message = string.Create(
            CultureInfo.InvariantCulture,
            $"memory grew {growthPercent:0.#}% over the last {span:0} s ({slope / 1024:0.#} KiB/s): possible leak");
        yield return new HealthIssue(
            RuleName, AlertTypes.TrendDegradation, Severity.Warning, message, growthPercent, minimum, context.Options.EffectiveDefaultFor);
    }
}
