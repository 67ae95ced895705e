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
        root.Subcommands.Add(WrapCommand.Create());
        root.Subcommands.Add(DiscoverCommand.Create());
        return root;
    }

    // No response files: "@scope/package" is an ordinary argument of wrapped commands. No termination timeout: the
    // host and the wrapper handle SIGINT/SIGTERM themselves (the wrapper forwards them and ends when its server does).
    public static Task<int> InvokeAsync(string[] args) =>
        CreateRootCommand()
            .Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null })
            .InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
}
