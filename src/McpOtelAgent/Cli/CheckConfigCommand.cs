using System.CommandLine;
using McpOtelAgent.Hosting;

namespace McpOtelAgent.Cli;

/// <summary><c>check-config</c>: validate a configuration as <c>run</c> would, print every problem, exit 0 or 2.</summary>
internal static class CheckConfigCommand
{
    public static Command Create()
    {
        var command = new Command("check-config", "Validate a configuration file (with the environment applied) and exit 0 or 2");
        var options = new AgentCommandOptions();
        options.AddTo(command, withOverrides: false);
        command.SetAction(result => AgentApplication.CheckConfiguration(options.ToLaunch(result), Console.Out, Console.Error));
        return command;
    }
}
