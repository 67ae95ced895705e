namespace McpOtelAgent.Trends;

/// <summary>Averages, peaks and least-squares slopes over a trend window.</summary>
internal sealed record TrendSummary(
    int Samples,
    double? CpuAverage,
    double? CpuPeak,
    double? MemoryAverageBytes,
    double? MemoryPeakBytes,
    double? MemorySlopeBytesPerSecond,
    double? FileDescriptorSlopePerSecond,
    TrendPoint[] History)
{
    public static TrendSummary From(TrendPoint[] points)
    {
        double cpuSum = 0, cpuPeak = double.MinValue, memSum = 0, memPeak = double.MinValue;
        var cpuCount = 0;
        foreach (var p in points)
        {
            if (p.CpuPercent is { } cpu)
            {
                cpuSum += cpu;
                cpuPeak = Math.Max(cpuPeak, cpu);
                cpuCount++;
            }

            memSum += p.MemoryBytes;
            memPeak = Math.Max(memPeak, p.MemoryBytes);
        }

        return new TrendSummary(
            points.Length,
            cpuCount > 0 ? cpuSum / cpuCount : null,
            cpuCount > 0 ? cpuPeak : null,
            points.Length > 0 ? memSum / points.Length : null,
            points.Length > 0 ? memPeak : null,
            LeastSquaresSlope(points, static p => p.MemoryBytes),
            LeastSquaresSlope(points, static p => p.FileDescriptors),
            points);
    }

    /// <summary>
    /// Slope per second of the least-squares line through the points, as PromQL's <c>deriv</c> and
    /// <c>predict_linear</c> compute it. Null with fewer than two points or no spread in time.
    /// </summary>
    public static double? LeastSquaresSlope(ReadOnlySpan<TrendPoint> points, Func<TrendPoint, double?> value)
    {
        if (points.Length < 2)
        {
            return null;
        }

        var origin = points[0].Timestamp;
        double n = 0, sumX = 0, sumY = 0, sumXY = 0, sumXX = 0;
        foreach (var p in points)
        {
            if (value(p) is not { } y)
            {
                continue;
            }

            var x = (p.Timestamp - origin).TotalSeconds;
            n++;
            sumX += x;
            sumY += y;
            sumXY += x * y;
            sumXX += x * x;
        }

        var denominator = (n * sumXX) - (sumX * sumX);
        if (n < 2 || Math.Abs(denominator) < 1e-12)
        {
            return null;
        }

        return ((n * sumXY) - (sumX * sumY)) / denominator;
    }
}
