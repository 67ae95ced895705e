namespace McpOtelAgent.Api;

/// <summary>Body of <c>POST /api/v1/servers</c> (the seed's add_process): an id and exactly one of pid, pidFile, match.</summary>
internal sealed record AddServerRequest(string? Id, int? Pid, string? PidFile, string? Match, bool? IncludeChildren);
