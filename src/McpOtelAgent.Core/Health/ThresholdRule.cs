using System.Globalization;
using McpOtelAgent.Sampling;

namespace McpOtelAgent.Health;

/// <summary>
/// A value above a threshold's warning level is a warning, above its critical level critical (strictly above, as the
/// seed's "CPU &gt; 80%"). One instance per <see cref="ThresholdDefinition"/>. A missing value (CPU percent on the
/// first sample, fds without permission) is no issue: the rule cannot tell.
/// </summary>
internal sealed class ThresholdRule(ThresholdDefinition definition) : IHealthRule
{
    public IEnumerable<HealthIssue> Evaluate(HealthContext context)
    {
        if (context.Sample.State != TargetState.Up || definition.Read(context.Sample) is not { } value)
        {
            yield break;
        }

        var threshold = context.Threshold(definition.Name);
        var (severity, level) = value > threshold.Critical ? (Severity.Critical, threshold.Critical)
            : value > threshold.Warning ? (Severity.Warning, threshold.Warning)
            : (Severity.Info, double.NaN);
        if (severity == Severity.Info)
        {
            yield break;
        }

        var message = string.Create(CultureInfo.InvariantCulture, $"{definition.Name} {value:0.###} is above {level:0.###}");
        yield return new HealthIssue(definition.Name, definition.AlertType, severity, message, value, level, threshold.For);
    }
}
