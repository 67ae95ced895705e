using System.CommandLine;
using System.Globalization;
using McpOtelAgent.Configuration;
using McpOtelAgent.Hosting;
using McpOtelAgent.Mcp;

namespace McpOtelAgent.Cli;

/// <summary>The options that shape a launch (<c>--config</c>, <c>--urls</c>, intervals), made afresh for each command.</summary>
internal sealed class AgentCommandOptions
{
    public Option<FileInfo?> Config { get; } = new("--config", "-c")
    {
        Description = "JSON configuration file (default: the embedded configuration, which monitors the agent itself)",
    };

    public Option<FileInfo?> McpConfig { get; } = new("--mcp-config")
    {
        Description = "A client's MCP server file used as is (claude_desktop_config.json, .cursor/mcp.json, .vscode/mcp.json): "
            + "its mcpServers or servers are supervised and probed (also Agent:McpConfig)",
    };

    public Option<string?> Urls { get; } = new("--urls")
    {
        Description = $"Addresses to listen on, ';'-separated (also ASPNETCORE_URLS; default {AgentOptions.DefaultUrls})",
    };

    public Option<double?> MonitoringInterval { get; } = new("--monitoring-interval")
    {
        Description = "Seconds between two samples (default 5)",
    };

    public Option<double?> HealthCheckInterval { get; } = new("--health-check-interval")
    {
        Description = "Seconds between two health checks (default 30)",
    };

    public void AddTo(Command command, bool withOverrides)
    {
        command.Options.Add(Config);
        command.Options.Add(McpConfig);
        if (withOverrides)
        {
            command.Options.Add(Urls);
            command.Options.Add(MonitoringInterval);
            command.Options.Add(HealthCheckInterval);
        }
    }

    public AgentLaunch ToLaunch(ParseResult result)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (result.GetValue(McpConfig) is { } mcpConfig)
        {
            settings[McpServersOptions.McpConfigKey] = mcpConfig.FullName;
        }

        if (result.GetValue(Urls) is { } urls)
        {
            settings["Agent:Urls"] = urls;
        }

        if (result.GetValue(MonitoringInterval) is { } monitoring)
        {
            settings["Agent:MonitoringIntervalSeconds"] = monitoring.ToString("R", CultureInfo.InvariantCulture);
        }

        if (result.GetValue(HealthCheckInterval) is { } health)
        {
            settings["Agent:HealthCheckIntervalSeconds"] = health.ToString("R", CultureInfo.InvariantCulture);
        }

        return AgentLaunch.FromProcess(result.GetValue(Config)?.FullName, settings);
    }
}
