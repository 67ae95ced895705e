using System.Diagnostics.Metrics;
using System.Reflection;
using McpOtelAgent.Configuration;
using Microsoft.Extensions.Options;

namespace McpOtelAgent.Telemetry;

/// <summary>
/// The agent's one <see cref="System.Diagnostics.Metrics.Meter"/>, made from <see cref="MeterOptions"/> through
/// <see cref="IMeterFactory"/>. Every area creates its instruments once from <see cref="Meter"/> in its own class.
/// </summary>
internal sealed class AgentMeter
{
    public const string Name = "McpOtelAgent";

    /// <summary>The semantic-conventions version the process.* names and units follow.</summary>
    public const string SchemaUrl = "https://opentelemetry.io/schemas/1.37.0";

    /// <summary>Series one target can hold in one metric: two attribute values (cpu.mode, direction) plus headroom for reasons.</summary>
    private const int SeriesPerTarget = 8;

    public AgentMeter(IMeterFactory meterFactory, IOptions<AgentOptions> options)
    {
        Meter = meterFactory.Create(new MeterOptions(Name) { Version = Version, TelemetrySchemaUrl = SchemaUrl });
        CardinalityLimit = CardinalityLimitFor(options.Value.MaxTargets);
    }

    public static string Version { get; } =
        typeof(AgentMeter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    public Meter Meter { get; }

    /// <summary>Points per metric stream to allow: the SDK's default (2,000) is hit by 1,000 servers × two CPU modes.</summary>
    public int CardinalityLimit { get; }

    private static int CardinalityLimitFor(int maxTargets) => Math.Max(2000, (maxTargets * SeriesPerTarget) + 100);
}
