using System.Text.Json.Serialization;

namespace McpOtelAgent.Alerts;

/// <summary>Source-generated JSON for the Alertmanager API (trim- and AOT-safe).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(List<AlertmanagerAlert>))]
internal sealed partial class AlertmanagerJsonContext : JsonSerializerContext;
