using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;

namespace McpOtelAgent.Api;

/// <summary>Source-generated JSON for the API's types (no reflection, so the agent stays trimmable).</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(AddServerRequest))]
[JsonSerializable(typeof(ServerStatusResponse))]
[JsonSerializable(typeof(ServerStatusResponse[]))]
[JsonSerializable(typeof(ProcessMetricsResponse))]
[JsonSerializable(typeof(ExtendedMetricsResponse))]
[JsonSerializable(typeof(TrendsResponse))]
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(HttpValidationProblemDetails))]
internal sealed partial class AgentJsonContext : JsonSerializerContext;
