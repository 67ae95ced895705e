using System.CommandLine;
using McpOtelAgent.Hosting;

namespace McpOtelAgent.Cli;

/// <summary><c>run</c>: start the agent and serve until stopped. Exit 2 when the configuration is invalid.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var command = new Command("run", "Run the agent (the default when no command is given)");
        Configure(command);
        return command;
    }

    /// <summary>Lets the root command run the agent itself, so <c>mcp-otel-agent --config x.json</c> works.</summary>
    public static void ConfigureAsDefault(RootCommand root) => Configure(root);

    private static void Configure(Command command)
    {
        var options = new AgentCommandOptions();
        options.AddTo(command, withOverrides: true);
        command.SetAction((result, cancellationToken) =>
            AgentApplication.RunAsync(options.ToLaunch(result), Console.Error, cancellationToken));
    }
}
