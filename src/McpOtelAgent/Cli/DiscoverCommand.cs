using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using McpOtelAgent.Api;
using McpOtelAgent.Configuration;
using McpOtelAgent.Discovery;
using McpOtelAgent.Hosting;
using McpOtelAgent.Probes;

namespace McpOtelAgent.Cli;

/// <summary>
/// <c>discover</c>: list the MCP server processes on this host (pid, name, redacted command, monitored, server_id) as
/// a table or <c>--json</c>. With <c>--agent URL</c> it asks a running agent, which knows what it monitors; alone it
/// scans here with the configuration's discovery patterns and reports nothing as monitored.
/// </summary>
internal static class DiscoverCommand
{
    public static Command Create()
    {
        var command = new Command("discover", "List MCP server processes on this host");
        var options = new AgentCommandOptions();
        options.AddTo(command, withOverrides: false);
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var agent = new Option<string?>("--agent")
        {
            Description = "Ask the agent running at this URL (e.g. http://127.0.0.1:9464), which also says what it monitors",
        };
        command.Options.Add(json);
        command.Options.Add(agent);
        agent.Validators.Add(result =>
        {
            if (result.GetValue(agent) is { } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
            {
                result.AddError($"--agent must be an absolute URL such as http://127.0.0.1:9464 (got '{url}')");
            }
        });
        command.SetAction((result, cancellationToken) =>
            RunAsync(options.ToLaunch(result), result.GetValue(agent) is { } url ? new Uri(url) : null, result.GetValue(json),
                Console.Out, Console.Error, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(
        AgentLaunch launch, Uri? agent, bool json, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        DiscoveredServerResponse[] servers;
        if (agent is not null)
        {
            try
            {
                using var http = new HttpClient { BaseAddress = agent, Timeout = TimeSpan.FromSeconds(30) };
                var scan = await http.GetFromJsonAsync("/api/v1/discovery", McpJsonContext.Default.DiscoveryResponse, cancellationToken);
                if (scan is not { Enabled: true })
                {
                    await errors.WriteLineAsync($"the agent at {agent} does not discover (Agent:Discovery:Enabled is false); run discover without --agent to scan here");
                    return ExitCodes.Failed;
                }

                servers = scan.Servers;
            }
            catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException)
            {
                await errors.WriteLineAsync($"cannot ask the agent at {agent}: {ex.Message}");
                return ExitCodes.Failed;
            }
        }
        else
        {
            DiscoveryOptions options;
            try
            {
                var builder = new Microsoft.Extensions.Configuration.ConfigurationBuilder();
                AgentConfiguration.Apply(builder, launch.ConfigPath, launch.Settings, launch.Environment);
                options = DiscoveryOptionsBinding.From(builder.Build());
            }
            catch (Exception ex) when (ConfigurationProblems.From(ex) is { } problems)
            {
                ConfigurationProblems.Write(errors, problems);
                return ExitCodes.InvalidConfiguration;
            }

            if (new DiscoveryOptionsValidator().Validate(null, options) is { Failed: true } invalid)
            {
                ConfigurationProblems.Write(errors, [.. invalid.Failures]);
                return ExitCodes.InvalidConfiguration;
            }

            using var scanner = new DiscoveryScanner(ProcessProbe.CreateForCurrentOs(), new McpProcessDetector(options));
            servers = [.. scanner.Scan(static _ => new Dictionary<int, string>()).Select(DiscoveredServerResponse.From)];
        }

        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(servers, McpJsonContext.Default.DiscoveredServerResponseArray));
        }
        else
        {
            await WriteTableAsync(output, servers);
        }

        return ExitCodes.Ok;
    }

    private static async Task WriteTableAsync(TextWriter output, DiscoveredServerResponse[] servers)
    {
        if (servers.Length == 0)
        {
            await output.WriteLineAsync("No MCP server processes found.");
            return;
        }

        var idWidth = Math.Max("SERVER_ID".Length, servers.Max(static s => s.ServerId.Length));
        var nameWidth = Math.Max("NAME".Length, servers.Max(static s => s.Name.Length));
        await output.WriteLineAsync($"{"PID",8}  {"NAME".PadRight(nameWidth)}  MONITORED  {"SERVER_ID".PadRight(idWidth)}  COMMAND");
        foreach (var s in servers)
        {
            var pid = s.Pid.ToString(CultureInfo.InvariantCulture);
            await output.WriteLineAsync($"{pid,8}  {s.Name.PadRight(nameWidth)}  {(s.Monitored ? "yes" : "no"),-9}  {s.ServerId.PadRight(idWidth)}  {s.Command}");
        }
    }
}
