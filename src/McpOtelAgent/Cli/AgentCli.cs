using System.CommandLine;

namespace McpOtelAgent.Cli;

/// <summary>
/// The command line: <c>run</c> (also what no subcommand means), <c>check-config</c>, <c>--version</c>. Other areas add
/// their subcommands (<c>discover</c>, <c>rules</c>, <c>wrap</c>) as a <c>Create()</c> factory in their own file under
/// Cli/ and one line in <see cref="CreateRootCommand"/>.
/// </summary>
internal static class AgentCli
{
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("mcp-otel-agent: process metrics, health and alerts for MCP servers, as OpenTelemetry");
        RunCommand.ConfigureAsDefault(root);
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(CheckConfigCommand.Create());
        root.Subcommands.Add(RulesCommand.Create());
        return root;
    }

    public static Task<int> InvokeAsync(string[] args) => CreateRootCommand().Parse(args).InvokeAsync();
}
