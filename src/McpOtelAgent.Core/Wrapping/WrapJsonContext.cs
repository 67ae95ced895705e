using System.Text.Json.Serialization;

namespace McpOtelAgent.Wrapping;

/// <summary>Source-generated JSON for the wrapper's reports (trim- and AOT-safe), camelCase, nulls omitted.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(McpTrafficReport))]
[JsonSerializable(typeof(AgentTargetRequest))]
internal sealed partial class WrapJsonContext : JsonSerializerContext;
