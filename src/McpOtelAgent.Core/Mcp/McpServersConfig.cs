namespace McpOtelAgent.Mcp;

/// <summary>The declared servers that are valid, and every error found, each naming its configuration key.</summary>
internal sealed record McpServersConfig(IReadOnlyList<McpServerDefinition> Servers, IReadOnlyList<string> Errors)
{
    public static McpServersConfig Empty { get; } = new([], []);

    public bool IsValid => Errors.Count == 0;
}
