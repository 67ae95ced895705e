using McpOtelAgent.Configuration;
using McpOtelAgent.Health;
using McpOtelAgent.Mcp;
using Microsoft.Extensions.Configuration;

namespace McpOtelAgent.Rules;

/// <summary>
/// What the generated rules depend on, read from the agent's own configuration: health options (thresholds, global
/// and per server, <c>for</c> durations, trend settings), the trend window, and the declared MCP servers.
/// </summary>
/// <param name="Health">Bound from <c>Agent:Health</c>, as the agent binds it.</param>
/// <param name="TrendWindow">Trend window size × monitoring interval: the span the agent's trend rules look at.</param>
/// <param name="RateWindow">The range of <c>rate()</c> for CPU percent: at least four scrape intervals.</param>
/// <param name="McpServers">Declared MCP servers, with <c>--mcp-config</c>'s (their probe settings).</param>
internal sealed record RuleSettings(
    HealthOptions Health,
    TimeSpan TrendWindow,
    TimeSpan RateWindow,
    IReadOnlyList<McpServerDefinition> McpServers)
{
    public static readonly TimeSpan DefaultRateWindow = TimeSpan.FromMinutes(1);

    /// <summary>The settings of a configuration, or every problem found (each naming its key).</summary>
    public static (RuleSettings? Settings, IReadOnlyList<string> Errors) From(IConfiguration configuration, TimeSpan rateWindow)
    {
        var agent = new AgentOptions();
        configuration.GetSection(AgentOptions.SectionName).Bind(agent);
        var health = new HealthOptions();
        configuration.GetSection(HealthOptions.SectionName).Bind(health);

        // As AddHealth does: the health-check interval is the agent's, not a key of Agent:Health.
        health.UseCheckIntervalSeconds(agent.HealthCheckIntervalSeconds);

        List<string> errors = [];
        var agentResult = new AgentOptionsValidator().Validate(null, agent);
        if (agentResult.Failed)
        {
            errors.AddRange(agentResult.Failures);
        }

        var healthResult = new HealthOptionsValidator().Validate(null, health);
        if (healthResult.Failed)
        {
            errors.AddRange(healthResult.Failures);
        }

        var servers = McpServersOptions.Read(configuration);
        errors.AddRange(servers.Errors);
        if (rateWindow <= TimeSpan.Zero)
        {
            errors.Add("--rate-window must be positive");
        }

        return errors.Count > 0
            ? (null, errors)
            : (new RuleSettings(health, agent.TrendWindowSize * agent.MonitoringInterval, rateWindow, servers.Servers), errors);
    }
}
