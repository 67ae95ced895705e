using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using McpOtelAgent.Tests.Agent.Support;
using McpOtelAgent.Tests.Reliability.Support;
using McpOtelAgent.Tests.Support;
using Xunit.Abstractions;

namespace McpOtelAgent.Tests.Security;

/// <summary>
/// A monitored process started with <c>--api-key=s3cret</c>, <c>--token s3cret</c> and <c>FOO_TOKEN=s3cret</c> in its
/// environment (the agent's own environment too): the secret shows nowhere, not on /metrics, in any API response, or
/// in the agent's logs at Debug level.
/// </summary>
public sealed class RedactionTests(ITestOutputHelper output)
{
    private const string Secret = "s3cret";

    [Fact]
    public async Task Agent_SecretsInATargetsCommandLineAndEnvironment_ShownNowhere()
    {
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardInput = true };
        foreach (var argument in new[] { "-c", "while :; do sleep 1; done", "redact-target", $"--api-key={Secret}", "--token", Secret, $"FOO_TOKEN={Secret}" })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["FOO_TOKEN"] = Secret;
        using var target = ChildProcess.Start(info);
        using var agent = await AgentProcess.StartAsync(
            """{ "Agent": { "Servers": { "redact": { "Match": "redact-targe[t]" } } } }""",
            new Dictionary<string, string>
            {
                ["MCPOTEL_API_KEY"] = AgentProcess.ApiKey,
                ["FOO_TOKEN"] = Secret,
                ["MCPOTEL_Logging__LogLevel__Default"] = "Debug",
            });
        var pid = target.Pid.ToString(CultureInfo.InvariantCulture);

        var metrics = await Poll.UntilAsync(agent.ScrapeAsync,
            t => Exposition.Value(t, "mcp_server_info", ("server_id", "redact"), ("process_pid", pid)) is not null, "the target's info series");
        using (var added = await agent.Http.SendAsync(agent.Request(HttpMethod.Post, "/api/v1/servers",
                   JsonContent.Create(new { id = "redact-pid", pid = target.Pid }))))
        {
            Assert.Equal(System.Net.HttpStatusCode.Created, added.StatusCode);
        }

        await Poll.UntilAsync(agent.ScrapeAsync, t => Exposition.Has(t, "mcp_server_up", "redact-pid"), "the pid target's series");
        var responses = new StringBuilder(metrics);
        var paths = await ReadPathsAsync(agent);
        foreach (var path in paths)
        {
            foreach (var id in new[] { "redact", "redact-pid" })
            {
                using var response = await agent.Http.GetAsync(path.Replace("{id}", id, StringComparison.Ordinal).Replace("{name}", "cpu_percent", StringComparison.Ordinal));
                responses.AppendLine(await response.Content.ReadAsStringAsync());
            }
        }

        // The target going down is logged too.
        target.Kill();
        await Poll.UntilAsync(agent.ScrapeAsync, t => Exposition.Value(t, "mcp_server_up", ("server_id", "redact")) == 0, "the target down");
        responses.AppendLine(await agent.ScrapeAsync());
        output.WriteLine($"{paths.Count} GET routes read, {responses.Length} characters of responses, {agent.Output.Length} of logs");

        Assert.Contains("***", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, responses.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, agent.Output, StringComparison.Ordinal);
    }

    /// <summary>Every GET path of the API, from its own OpenAPI document (the agent runs in a process of its own here).</summary>
    private static async Task<List<string>> ReadPathsAsync(AgentProcess agent)
    {
        using var document = JsonDocument.Parse(await agent.Http.GetStringAsync("/api/v1/openapi.json"));
        var paths = new List<string>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            if (path.Value.TryGetProperty("get", out _))
            {
                paths.Add(path.Name);
            }
        }

        Assert.NotEmpty(paths);
        return paths;
    }
}
