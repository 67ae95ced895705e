using System.CommandLine;
using McpOtelAgent.Configuration;
using McpOtelAgent.Hosting;
using McpOtelAgent.Rules;

namespace McpOtelAgent.Cli;

/// <summary>
/// <c>rules</c>: generate alerting rules that mirror the agent's health rules from a configuration's effective
/// thresholds (with per-server overrides), as a Prometheus rule file or a Grafana alerting provisioning file. Writes to
/// standard output, or into <c>--output DIR</c> under the format's file name. Exit 2 when the configuration is invalid.
/// </summary>
internal static class RulesCommand
{
    public static Command Create()
    {
        var command = new Command("rules", "Generate Prometheus or Grafana alert rules that mirror the agent's health rules");
        var options = new AgentCommandOptions();
        options.AddTo(command, withOverrides: false);
        var format = new Option<RuleFormat>("--format", "-f")
        {
            Description = "prometheus (rule file with recording rules) or grafana (alerting provisioning file)",
            DefaultValueFactory = static _ => RuleFormat.Prometheus,
        };
        var output = new Option<DirectoryInfo?>("--output", "-o")
        {
            Description = "Directory to write the rule file into (default: standard output)",
        };
        var rateWindow = new Option<double>("--rate-window")
        {
            Description = "Seconds of the rate() range for CPU percent; at least four scrape intervals (default 60)",
            DefaultValueFactory = static _ => RuleSettings.DefaultRateWindow.TotalSeconds,
        };
        command.Options.Add(format);
        command.Options.Add(output);
        command.Options.Add(rateWindow);
        command.SetAction(result => Run(
            options.ToLaunch(result), result.GetValue(format), result.GetValue(output), TimeSpan.FromSeconds(result.GetValue(rateWindow))));
        return command;
    }

    private static int Run(AgentLaunch launch, RuleFormat format, DirectoryInfo? output, TimeSpan rateWindow)
    {
        RuleSettings? settings;
        IReadOnlyList<string> errors;
        try
        {
            var builder = new Microsoft.Extensions.Configuration.ConfigurationBuilder();
            AgentConfiguration.Apply(builder, launch.ConfigPath, launch.Settings, launch.Environment);
            (settings, errors) = RuleSettings.From(builder.Build(), rateWindow);
        }
        catch (Exception ex) when (ConfigurationProblems.From(ex) is { } problems)
        {
            (settings, errors) = (null, problems);
        }

        if (settings is null)
        {
            ConfigurationProblems.Write(Console.Error, errors);
            return ExitCodes.InvalidConfiguration;
        }

        var file = RuleGenerator.Generate(settings, format);
        if (output is null)
        {
            Console.Out.Write(file.Content);
            return ExitCodes.Ok;
        }

        output.Create();
        var path = Path.Combine(output.FullName, file.FileName);
        File.WriteAllText(path, file.Content);
        Console.Error.WriteLine($"Wrote {path}");
        return ExitCodes.Ok;
    }
}
