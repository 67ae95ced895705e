namespace McpOtelAgent.Tests.Shipping;

/// <summary>What the shipping tests' dotnet commands run with: no telemetry prompt, no banner.</summary>
internal static class DotnetCli
{
    public static readonly IReadOnlyDictionary<string, string?> QuietEnvironment = new Dictionary<string, string?>
    {
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
    };
}
