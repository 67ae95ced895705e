namespace McpOtelAgent.Health;

/// <summary>How a default critical level follows from a warning level: <c>warning + Amount</c> or <c>warning × Amount</c>.</summary>
internal readonly record struct ThresholdStep(bool Multiplicative, double Amount)
{
    public static ThresholdStep Add(double points) => new(false, points);

    public static ThresholdStep Multiply(double factor) => new(true, factor);

    public double Apply(double warning) => Multiplicative ? warning * Amount : warning + Amount;

    public override string ToString() => Multiplicative
        ? FormattableString.Invariant($"x{Amount}")
        : FormattableString.Invariant($"+{Amount}");
}
