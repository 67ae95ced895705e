namespace McpOtelAgent.Targets;

/// <summary>One problem with a target specification: the property (PascalCase, as in the config) and what is wrong.</summary>
internal readonly record struct TargetSpecError(string Property, string Message);
