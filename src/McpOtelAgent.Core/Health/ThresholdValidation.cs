namespace McpOtelAgent.Health;

/// <summary>The checks a threshold setting must pass, shared by the start-up validator and run-time changes.</summary>
internal static class ThresholdValidation
{
    /// <summary>A year: longer durations are mistakes, and keep TimeSpan arithmetic far from overflow.</summary>
    public const double MaxSeconds = 365 * 24 * 3600;

    /// <summary>Problems with one setting, each as (field, message); empty when it is valid.</summary>
    public static IEnumerable<(string Field, string Message)> Check(ThresholdOptions value)
    {
        if (value.Warning is { } warning && !(double.IsFinite(warning) && warning > 0))
        {
            yield return (nameof(ThresholdOptions.Warning), "must be a finite number above 0");
        }

        if (value.Critical is { } critical && !(double.IsFinite(critical) && critical > 0))
        {
            yield return (nameof(ThresholdOptions.Critical), "must be a finite number above 0");
        }

        if (value is { Warning: { } w, Critical: { } c } && c < w)
        {
            yield return (nameof(ThresholdOptions.Critical), FormattableString.Invariant($"({c}) must not be below Warning ({w})"));
        }

        if (value.ForSeconds is { } forSeconds && !(double.IsFinite(forSeconds) && forSeconds >= 0 && forSeconds <= MaxSeconds))
        {
            yield return (nameof(ThresholdOptions.ForSeconds), "must be a number of seconds from 0 to 31536000 (a year)");
        }
    }

    /// <summary>A combined (effective) threshold whose critical level ended up below its warning level.</summary>
    public static IEnumerable<(string Field, string Message)> CheckEffective(Threshold effective)
    {
        if (effective.Critical < effective.Warning)
        {
            yield return (nameof(ThresholdOptions.Critical), FormattableString.Invariant(
                $"({effective.Critical}) must not be below the effective Warning ({effective.Warning})"));
        }
    }
}
