using System.Collections;

namespace McpOtelAgent.Hosting;

/// <summary>How to start the agent: the config file, the command-line settings and the environment to read.</summary>
/// <param name="ConfigPath">The <c>--config</c> JSON file; null for the embedded defaults alone.</param>
/// <param name="Settings">Configuration keys the command line sets (<c>Agent:Urls</c>, ...): they win over everything.</param>
/// <param name="Environment">The environment to read <c>MCPOTEL_*</c>, <c>ASPNETCORE_URLS</c> and <c>OTEL_*</c> from.</param>
internal sealed record AgentLaunch(
    string? ConfigPath,
    IReadOnlyDictionary<string, string?> Settings,
    IDictionary Environment)
{
    public static AgentLaunch FromProcess(string? configPath, IReadOnlyDictionary<string, string?> settings) =>
        new(configPath, settings, System.Environment.GetEnvironmentVariables());
}
