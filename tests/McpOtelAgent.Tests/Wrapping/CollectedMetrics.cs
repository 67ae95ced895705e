using System.Diagnostics.Metrics;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace McpOtelAgent.Tests.Wrapping;

/// <summary>A meter of its own with an in-memory exporter, read back as histogram counts per tag set.</summary>
internal sealed class CollectedMetrics : IDisposable
{
    private readonly List<Metric> _exported = [];
    private readonly MeterProvider _provider;

    public CollectedMetrics()
    {
        Meter = new Meter("McpOtelAgent.Tests.Wrap." + Guid.NewGuid().ToString("N"));
        _provider = Sdk.CreateMeterProviderBuilder().AddMeter(Meter.Name).AddInMemoryExporter(_exported).Build();
    }

    public Meter Meter { get; }

    /// <summary>Every histogram point of <paramref name="name"/>: its tags (sorted) and count.</summary>
    public List<(Dictionary<string, string> Tags, long Count, double[] Bounds)> Histogram(string name)
    {
        Collect();
        return Points(name)
            .Select(point => (TagsOf(point), point.GetHistogramCount(), BoundsOf(point)))
            .ToList();
    }

    /// <summary>Every counter point of <paramref name="name"/>: its tags and value.</summary>
    public List<(Dictionary<string, string> Tags, long Value)> Counter(string name)
    {
        Collect();
        return Points(name).Select(point => (TagsOf(point), point.GetSumLong())).ToList();
    }

    public void Dispose()
    {
        _provider.Dispose();
        Meter.Dispose();
    }

    private void Collect()
    {
        _exported.Clear();
        _provider.ForceFlush();
    }

    private List<MetricPoint> Points(string name)
    {
        var points = new List<MetricPoint>();
        foreach (var metric in _exported.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                points.Add(point);
            }
        }

        return points;
    }

    private static Dictionary<string, string> TagsOf(MetricPoint point)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in point.Tags)
        {
            tags[tag.Key] = Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture)!;
        }

        return tags;
    }

    private static double[] BoundsOf(MetricPoint point)
    {
        var bounds = new List<double>();
        foreach (var bucket in point.GetHistogramBuckets())
        {
            if (!double.IsPositiveInfinity(bucket.ExplicitBound))
            {
                bounds.Add(bucket.ExplicitBound);
            }
        }

        return [.. bounds];
    }
}
