namespace McpOtelAgent.Api;

/// <summary>How many alerts <c>DELETE /api/v1/alerts</c> removed (firing ones are resolved first).</summary>
internal sealed record ClearAlertsResponse(int Cleared);
