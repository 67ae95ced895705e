namespace McpOtelAgent.Health;

/// <summary>How a default critical level follows from a warning level: <c>warning + Amount</c> or <c>warning × Amount</c>.</summary>
internal readonly record struct ThresholdStep(bool Multiplicative, double Amount)
{
    public static ThresholdStep Add(double points) => new(false, points);

    public static ThresholdStep Multiply(double factor) => new(true, factor);

    /// <summary>Rounded to 9 decimals so 0.8 + 0.15 shows as 0.95, not 0.9500000000000001.</summary>
    public double Apply(double warning) => Math.Round(Multiplicative ? warning * Amount : warning + Amount, 9);
}
