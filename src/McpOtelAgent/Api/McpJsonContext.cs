using System.Text.Json.Serialization;

namespace McpOtelAgent.Api;

/// <summary>Source-generated JSON for the lifecycle, MCP and discovery endpoints.</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ManagedServerResponse))]
[JsonSerializable(typeof(McpServerResponse[]))]
[JsonSerializable(typeof(DiscoveredServerResponse[]))]
[JsonSerializable(typeof(DiscoveryResponse))]
internal sealed partial class McpJsonContext : JsonSerializerContext;
