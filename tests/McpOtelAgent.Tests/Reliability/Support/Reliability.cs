namespace McpOtelAgent.Tests.Reliability.Support;

/// <summary>The xunit trait of the reliability suite: <c>dotnet test --filter Category=Reliability</c> runs it alone.</summary>
internal static class Reliability
{
    public const string Category = "Category";
    public const string Name = "Reliability";
}
