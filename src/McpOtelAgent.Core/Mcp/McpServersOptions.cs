using Microsoft.Extensions.Configuration;

namespace McpOtelAgent.Mcp;

/// <summary>
/// The declared MCP servers: the top-level <c>mcpServers</c> / <c>servers</c> maps of the agent's configuration,
/// plus those of the client file named by <c>Agent:McpConfig</c> (<c>--mcp-config</c>), such as a
/// <c>claude_desktop_config.json</c> used as is.
/// </summary>
internal sealed class McpServersOptions
{
    public const string McpConfigKey = "Agent:McpConfig";

    public McpServersConfig Config { get; set; } = McpServersConfig.Empty;

    public IReadOnlyList<McpServerDefinition> Servers => Config.Servers;

    public static McpServersConfig Read(IConfiguration configuration)
    {
        var main = McpServersConfigReader.Read(configuration);
        if (configuration[McpConfigKey] is not { Length: > 0 } path)
        {
            return main;
        }

        IConfiguration file;
        try
        {
            file = new ConfigurationBuilder().AddJsonFile(Path.GetFullPath(path), optional: false, reloadOnChange: false).Build();
        }
        catch (Exception ex) when (ex is FileNotFoundException or IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return main with { Errors = [.. main.Errors, $"{McpConfigKey}: cannot read {path}: {ex.Message}"] };
        }

        var extra = McpServersConfigReader.Read(file);
        var errors = main.Errors.Concat(extra.Errors.Select(e => $"{path}: {e}")).ToList();
        var ids = main.Servers.Select(s => s.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var server in extra.Servers.Where(s => ids.Contains(s.Id)))
        {
            errors.Add($"{path}: {server.ConfigPath}: server id '{server.Id}' is also declared in the agent's configuration");
        }

        return new McpServersConfig([.. main.Servers, .. extra.Servers.Where(s => !ids.Contains(s.Id))], errors);
    }
}
