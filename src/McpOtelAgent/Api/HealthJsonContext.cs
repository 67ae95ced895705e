using System.Text.Json.Serialization;
using McpOtelAgent.Alerts;
using McpOtelAgent.Health;

namespace McpOtelAgent.Api;

/// <summary>Source-generated JSON for the health, alert and threshold endpoints.</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(Alert[]))]
[JsonSerializable(typeof(ClearAlertsResponse))]
[JsonSerializable(typeof(ThresholdResponse))]
[JsonSerializable(typeof(ThresholdResponse[]))]
[JsonSerializable(typeof(ThresholdsResponse))]
[JsonSerializable(typeof(ThresholdOptions))]
internal sealed partial class HealthJsonContext : JsonSerializerContext;
