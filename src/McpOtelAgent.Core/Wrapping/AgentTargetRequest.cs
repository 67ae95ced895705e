namespace McpOtelAgent.Wrapping;

/// <summary>The body of the agent's <c>POST /api/v1/servers</c> that attaches a process by pid.</summary>
internal sealed record AgentTargetRequest(string Id, int Pid);
