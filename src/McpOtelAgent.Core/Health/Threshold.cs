namespace McpOtelAgent.Health;

/// <summary>The effective levels of one threshold for one server: above Warning is a warning, above Critical critical.</summary>
internal sealed record Threshold(string Name, double Warning, double Critical, TimeSpan For);
