using System.Globalization;
using McpOtelAgent.Alerts;

namespace McpOtelAgent.Health;

/// <summary>
/// Warns when a forecast says <c>memory_mb</c> or <c>file_descriptors</c> will reach its warning level within
/// <see cref="HealthOptions.ForecastHorizon"/>: the issue's value and threshold are seconds (time left, horizon).
/// </summary>
internal sealed class ForecastRule : IHealthRule
{
    public const string RuleSuffix = "_forecast";

    public IEnumerable<HealthIssue> Evaluate(HealthContext context)
    {
        var horizon = context.Options.ForecastHorizon;
        foreach (var forecast in context.Forecasts)
        {
            if (forecast.TimeToThreshold > horizon)
            {
                continue;
            }

            var message = string.Create(
                CultureInfo.InvariantCulture,
                $"{forecast.Threshold} {forecast.Current:0.#} will reach {forecast.Limit:0.#} in about {forecast.TimeToThreshold.TotalMinutes:0.#} min at the current trend");
            yield return new HealthIssue(
                forecast.Threshold + RuleSuffix,
                AlertTypes.TrendDegradation,
                Severity.Warning,
                message,
                forecast.TimeToThreshold.TotalSeconds,
                horizon.TotalSeconds,
                context.Options.EffectiveDefaultFor);
        }
    }
}
