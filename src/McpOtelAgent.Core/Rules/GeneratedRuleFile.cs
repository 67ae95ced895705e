namespace McpOtelAgent.Rules;

/// <summary>A generated rule file: the name it is written under and its text.</summary>
internal sealed record GeneratedRuleFile(string FileName, string Content);
