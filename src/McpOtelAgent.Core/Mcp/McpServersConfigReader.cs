using System.Globalization;
using McpOtelAgent.Lifecycle;
using McpOtelAgent.Targets;
using Microsoft.Extensions.Configuration;

namespace McpOtelAgent.Mcp;

/// <summary>
/// Reads declared MCP servers from configuration in the shapes clients already write: Claude Desktop / Cursor's
/// <c>mcpServers</c> map (<c>command</c>, <c>args</c>, <c>env</c>, <c>cwd</c>, or <c>url</c>) and VS Code's
/// <c>servers</c> map (<c>type</c> stdio | http | sse, <c>url</c>, <c>headers</c>). The agent's own settings for an
/// entry live in its <c>mcpOtelAgent</c> object, which those clients ignore. Reads the configuration tree by hand
/// (no reflection binding), so it stays trimming- and AOT-safe, and reports every error at once, naming the key.
/// </summary>
internal static class McpServersConfigReader
{
    public const string ClaudeSection = "mcpServers";
    public const string VsCodeSection = "servers";
    public const string AgentSettingsKey = "mcpOtelAgent";

    public static McpServersConfig Read(IConfiguration configuration)
    {
        var servers = new List<McpServerDefinition>();
        var errors = new List<string>();
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var sectionName in (string[])[ClaudeSection, VsCodeSection])
        {
            foreach (var entry in configuration.GetSection(sectionName).GetChildren())
            {
                var path = $"{sectionName}:{entry.Key}";
                if (seen.TryGetValue(entry.Key, out var first))
                {
                    errors.Add($"{path}: server id '{entry.Key}' is already declared at {first}");
                    continue;
                }

                seen[entry.Key] = path;
                if (ReadEntry(entry, path, errors) is { } definition)
                {
                    servers.Add(definition);
                }
            }
        }

        return new McpServersConfig(servers, errors);
    }

    private static McpServerDefinition? ReadEntry(IConfigurationSection entry, string path, List<string> errors)
    {
        var errorCount = errors.Count;
        if (!ServerId.IsValid(entry.Key))
        {
            errors.Add($"{path}: server id '{entry.Key}' must be {ServerId.Rule}");
        }

        var command = NullIfEmpty(entry["command"]);
        var url = NullIfEmpty(entry["url"]);
        var type = NullIfEmpty(entry["type"])?.ToLowerInvariant();
        var transport = McpTransportKind.Stdio;
        switch (type)
        {
            case null:
                transport = url is not null && command is null ? McpTransportKind.Http : McpTransportKind.Stdio;
                break;
            case "stdio":
                break;
            case "http" or "sse" or "streamable-http" or "streamablehttp":
                transport = McpTransportKind.Http;
                break;
            default:
                errors.Add($"{path}:type must be stdio, http or sse (got '{type}')");
                break;
        }

        if (command is not null && url is not null)
        {
            errors.Add($"{path}: give either command (stdio) or url (http), not both");
        }
        else if (transport == McpTransportKind.Stdio && command is null)
        {
            errors.Add($"{path}:command is required for a stdio server (or give url for an http server)");
        }
        else if (transport == McpTransportKind.Http && url is null)
        {
            errors.Add($"{path}:url is required for an http server");
        }

        Uri? uri = null;
        if (transport == McpTransportKind.Http && url is not null
            && (!Uri.TryCreate(url, UriKind.Absolute, out uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add($"{path}:url must be an absolute http or https URL");
        }

        var agent = entry.GetSection(AgentSettingsKey);
        var agentPath = $"{path}:{AgentSettingsKey}";
        var definition = new McpServerDefinition
        {
            Id = entry.Key,
            ConfigPath = path,
            Transport = transport,
            Command = command,
            Args = [.. entry.GetSection("args").GetChildren().Select(static a => a.Value ?? string.Empty)],
            Env = ReadMap(entry.GetSection("env"), StringComparer.Ordinal),
            WorkingDirectory = NullIfEmpty(entry["cwd"]),
            Url = uri,
            Headers = ReadMap(entry.GetSection("headers"), StringComparer.OrdinalIgnoreCase),
            AutoStart = ReadBool(agent, "autoStart", true, agentPath, errors),
            Restart = ReadRestart(agent.GetSection("restart"), $"{agentPath}:restart", errors),
            Stop = ReadStop(agent.GetSection("stop"), $"{agentPath}:stop", errors),
            Probe = ReadProbe(agent.GetSection("probe"), $"{agentPath}:probe", errors),
        };

        return errors.Count == errorCount ? definition : null;
    }

    private static RestartPolicy ReadRestart(IConfigurationSection section, string path, List<string> errors)
    {
        var d = RestartPolicy.Default;
        var mode = d.Mode;
        switch (NullIfEmpty(section["mode"])?.ToLowerInvariant())
        {
            case null:
                break;
            case "always":
                mode = RestartMode.Always;
                break;
            case "on-failure" or "onfailure":
                mode = RestartMode.OnFailure;
                break;
            case "never" or "no":
                mode = RestartMode.Never;
                break;
            default:
                errors.Add($"{path}:mode must be always, on-failure or never");
                break;
        }

        var policy = new RestartPolicy(
            mode,
            ReadSeconds(section, "baseDelaySeconds", d.BaseDelay, path, errors),
            ReadDouble(section, "factor", d.Factor, path, errors),
            ReadSeconds(section, "maxDelaySeconds", d.MaxDelay, path, errors),
            ReadSeconds(section, "minUptimeSeconds", d.MinUptime, path, errors),
            ReadInt(section, "maxRestarts", d.MaxRestarts, path, errors),
            ReadSeconds(section, "windowSeconds", d.Window, path, errors));
        if (policy.Factor < 1)
        {
            errors.Add($"{path}:factor must be at least 1");
        }

        if (policy.MaxDelay < policy.BaseDelay)
        {
            errors.Add($"{path}:maxDelaySeconds must be at least baseDelaySeconds");
        }

        return policy;
    }

    private static StopPolicy ReadStop(IConfigurationSection section, string path, List<string> errors) => new(
        ReadSeconds(section, "stdinGraceSeconds", StopPolicy.Default.StdinGrace, path, errors),
        ReadSeconds(section, "termGraceSeconds", StopPolicy.Default.TermGrace, path, errors));

    private static McpProbeSettings ReadProbe(IConfigurationSection section, string path, List<string> errors)
    {
        var d = McpProbeSettings.Default;
        var probe = new McpProbeSettings(
            ReadBool(section, "enabled", d.Enabled, path, errors),
            ReadSeconds(section, "intervalSeconds", d.Interval, path, errors),
            ReadSeconds(section, "timeoutSeconds", d.Timeout, path, errors),
            ReadInt(section, "failureThreshold", d.FailureThreshold, path, errors));
        if (probe.Interval <= TimeSpan.Zero)
        {
            errors.Add($"{path}:intervalSeconds must be positive");
        }

        if (probe.Timeout <= TimeSpan.Zero)
        {
            errors.Add($"{path}:timeoutSeconds must be positive");
        }

        if (probe.FailureThreshold < 1)
        {
            errors.Add($"{path}:failureThreshold must be at least 1");
        }

        return probe;
    }

    private static Dictionary<string, string> ReadMap(IConfigurationSection section, StringComparer comparer)
    {
        var map = new Dictionary<string, string>(comparer);
        foreach (var child in section.GetChildren())
        {
            map[child.Key] = child.Value ?? string.Empty;
        }

        return map;
    }

    private static bool ReadBool(IConfigurationSection section, string key, bool fallback, string path, List<string> errors)
    {
        var raw = NullIfEmpty(section[key]);
        if (raw is null)
        {
            return fallback;
        }

        if (bool.TryParse(raw, out var value))
        {
            return value;
        }

        errors.Add($"{path}:{key} must be true or false");
        return fallback;
    }

    private static int ReadInt(IConfigurationSection section, string key, int fallback, string path, List<string> errors)
    {
        var raw = NullIfEmpty(section[key]);
        if (raw is null)
        {
            return fallback;
        }

        if (int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0)
        {
            return value;
        }

        errors.Add($"{path}:{key} must be a non-negative integer");
        return fallback;
    }

    private static double ReadDouble(IConfigurationSection section, string key, double fallback, string path, List<string> errors)
    {
        var raw = NullIfEmpty(section[key]);
        if (raw is null)
        {
            return fallback;
        }

        if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value >= 0)
        {
            return value;
        }

        errors.Add($"{path}:{key} must be a non-negative number");
        return fallback;
    }

    private static TimeSpan ReadSeconds(IConfigurationSection section, string key, TimeSpan fallback, string path, List<string> errors)
    {
        var seconds = ReadDouble(section, key, fallback.TotalSeconds, path, errors);
        if (seconds <= TimeSpan.MaxValue.TotalSeconds / 2)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        errors.Add($"{path}:{key} is too large");
        return fallback;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
