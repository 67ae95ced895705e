using McpOtelAgent.Configuration;
using Microsoft.Extensions.Options;

namespace McpOtelAgent.Mcp;

/// <summary>
/// Reports every problem of the declared servers at start-up, each naming its key, together with the other areas'
/// validators: a bad entry, or an id that <c>Agent:Servers</c> or self-monitoring already uses.
/// </summary>
internal sealed class McpServersOptionsValidator(IOptions<AgentOptions> agent) : IValidateOptions<McpServersOptions>
{
    public ValidateOptionsResult Validate(string? name, McpServersOptions options)
    {
        var errors = options.Config.Errors.ToList();
        var settings = agent.Value;
        foreach (var server in options.Servers)
        {
            if (settings.Servers.ContainsKey(server.Id))
            {
                errors.Add($"{server.ConfigPath}: server id '{server.Id}' is already used by Agent:Servers:{server.Id}");
            }
            else if (settings.SelfMonitoring.Enabled && string.Equals(settings.SelfMonitoring.ServerId, server.Id, StringComparison.Ordinal))
            {
                errors.Add($"{server.ConfigPath}: server id '{server.Id}' is the agent's own (Agent:SelfMonitoring:ServerId)");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
