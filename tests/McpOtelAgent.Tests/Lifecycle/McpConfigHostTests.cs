using System.Collections;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using McpOtelAgent.Cli;
using McpOtelAgent.Discovery;
using McpOtelAgent.Hosting;
using McpOtelAgent.Tests.Agent.Support;
using McpOtelAgent.Tests.Lifecycle.Support;
using McpOtelAgent.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace McpOtelAgent.Tests.Lifecycle;

/// <summary>
/// A client's own MCP file given to the agent as is (VS Code shape, an http server), an http server as a target of
/// its own (listed, health-checked, alerted on), configuration errors at start-up, and the discover command against a
/// server-everything the test started itself.
/// </summary>
[Collection(AgentHostCollection.Name)]
public sealed class McpConfigHostTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private readonly List<Process> _started = [];
    private int _port;

    public async Task InitializeAsync()
    {
        _port = FreePort.Next();
        var http = Start(NpmFixtures.Node, new Dictionary<string, string> { ["PORT"] = _port.ToString(CultureInfo.InvariantCulture) },
            NpmFixtures.ServerEverything, "streamableHttp");
        Assert.True(await Poll.TrueAsync(() => Loopback.IsListening(_port)), $"server-everything (pid {http.Id}) never listened");
    }

    public Task DisposeAsync()
    {
        foreach (var process in _started)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            process.Dispose();
        }

        _temp.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task McpConfig_VsCodeFileWithAnHttpServer_ProbedByUrl()
    {
        var file = Path.Combine(_temp.Path, "mcp.json");
        await File.WriteAllTextAsync(file, $$"""
            { "inputs": [], "servers": { "everything-http": { "type": "http", "url": "http://127.0.0.1:{{_port}}/mcp",
              "mcpOtelAgent": { "probe": { "intervalSeconds": 0.5 } } } } }
            """);
        await using var agent = await RunningAgent.StartAsync(environment: new Hashtable { ["MCPOTEL_Agent__McpConfig"] = file });

        var text = await agent.ScrapeUntilAsync(
            t => Exposition.Value(t, "mcp_server_probe_success", ("server_id", "everything-http")) == 1
                && Exposition.Has(t, "mcp_server_tools", "everything-http"),
            "everything-http probed");
        var servers = JsonDocument.Parse(await agent.Http.GetStringAsync("/api/v1/mcp/servers")).RootElement;

        Assert.True(Exposition.Value(text, "mcp_server_tools", ("server_id", "everything-http")) > 5);
        var server = Assert.Single(servers.EnumerateArray());
        Assert.Equal("everything-http", server.GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, server.GetProperty("lifecycle").ValueKind);
        Assert.Equal("http", server.GetProperty("mcp").GetProperty("transport").GetString());
        Assert.True(server.GetProperty("mcp").GetProperty("success").GetBoolean());
    }

    [Fact]
    public async Task HttpServerByUrl_DownThenUp_ListedAsRemoteWithHealthAndAProbeFailedAlertThatResolves()
    {
        var port = FreePort.Next();
        await using var agent = await RunningAgent.StartAsync(
            $$"""
            {
              "Agent": { "SelfMonitoring": { "Enabled": false }, "HealthCheckIntervalSeconds": 0.5 },
              "servers": {
                "remote": { "type": "http", "url": "http://127.0.0.1:{{port}}/mcp?token=s3cret",
                  "mcpOtelAgent": { "probe": { "intervalSeconds": 0.5, "timeoutSeconds": 10, "failureThreshold": 2 } } }
              }
            }
            """,
            new Hashtable { ["MCPOTEL_API_KEY"] = RunningAgent.ApiKey });

        // Nothing listens yet: the failed probes feed health, and probe_failed fires.
        await Poll.UntilAsync(() => agent.Http.GetStringAsync("/api/v1/alerts?serverId=remote&state=firing"),
            body => body.Contains("\"probe_failed\"", StringComparison.Ordinal), "probe_failed firing for remote");
        var health = JsonDocument.Parse(await agent.Http.GetStringAsync("/api/v1/servers/remote/health")).RootElement;
        var listed = JsonDocument.Parse(await agent.Http.GetStringAsync("/api/v1/servers")).RootElement.EnumerateArray()
            .Single(s => s.GetProperty("id").GetString() == "remote");
        using var delete = await agent.Http.SendAsync(agent.Request(HttpMethod.Delete, "/api/v1/servers/remote"));
        var text = await agent.ScrapeAsync();

        Assert.Contains(health.GetProperty("issues").EnumerateArray(), i => i.GetProperty("rule").GetString() == "probe_failed");
        Assert.Equal("error", health.GetProperty("status").GetString());
        Assert.Equal("remote", listed.GetProperty("origin").GetString());
        Assert.Equal("remote", listed.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("downReason").ValueKind);
        Assert.Equal($"url http://127.0.0.1:{port}/mcp?token=***", listed.GetProperty("target").GetString());
        Assert.Equal($"http://127.0.0.1:{port}/mcp?token=***", listed.GetProperty("mcp").GetProperty("url").GetString());
        Assert.False(listed.GetProperty("mcp").GetProperty("success").GetBoolean());
        Assert.Equal(System.Net.HttpStatusCode.Conflict, delete.StatusCode);
        Assert.Equal(0, Exposition.Value(text, "mcp_server_probe_success", ("server_id", "remote")));
        Assert.False(Exposition.Has(text, "mcp_server_up", "remote"), "a url server has no process to be up or down");

        // The server comes up: the next probe answers and the alert resolves.
        Start(NpmFixtures.Node, new Dictionary<string, string> { ["PORT"] = port.ToString(CultureInfo.InvariantCulture) },
            NpmFixtures.ServerEverything, "streamableHttp");
        await Poll.UntilAsync(() => agent.Http.GetStringAsync("/api/v1/alerts?serverId=remote&state=resolved"),
            body => body.Contains("\"probe_failed\"", StringComparison.Ordinal), "probe_failed resolved for remote");

        Assert.Equal("[]", await agent.Http.GetStringAsync("/api/v1/alerts?serverId=remote&state=firing"));
        Assert.Equal("healthy", JsonDocument.Parse(await agent.Http.GetStringAsync("/api/v1/servers/remote/health")).RootElement.GetProperty("status").GetString());
        foreach (var path in (string[])["/metrics", "/api/v1/servers", "/api/v1/servers/remote", "/api/v1/mcp/servers", "/api/v1/alerts"])
        {
            Assert.DoesNotContain("s3cret", await agent.Http.GetStringAsync(path), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void CheckConfiguration_BadServers_Exit2NamingEveryKey()
    {
        var config = Path.Combine(_temp.Path, "bad.json");
        File.WriteAllText(config, """
            { "Agent": { "Servers": { "taken": { "Pid": 1 } } },
              "mcpServers": { "nocmd": { "args": [] }, "taken": { "command": "node" } } }
            """);
        using var output = new StringWriter();
        using var errors = new StringWriter();

        var exit = AgentApplication.CheckConfiguration(new AgentLaunch(config, new Dictionary<string, string?>(), new Hashtable()), output, errors);

        Assert.Equal(ExitCodes.InvalidConfiguration, exit);
        var text = errors.ToString();
        Assert.Contains("mcpServers:nocmd:command is required", text, StringComparison.Ordinal);
        Assert.Contains("mcpServers:taken: server id 'taken' is already used by Agent:Servers:taken", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discover_Json_ListsAServerStartedOutsideTheAgentOnce()
    {
        var wrapper = Start("/bin/sh", new Dictionary<string, string>(), "-c", "\"$0\" \"$1\" stdio --token=s3cret; exit $?", NpmFixtures.Node, NpmFixtures.ServerEverything);
        Assert.True(await Poll.TrueAsync(() => ProcFs.Tree(wrapper.Id).Count >= 2));
        using var output = new StringWriter();
        using var errors = new StringWriter();

        var exit = await DiscoverCommand.RunAsync(
            new AgentLaunch(null, new Dictionary<string, string?>(), new Hashtable()), agent: null, json: true, output, errors, CancellationToken.None);

        Assert.Equal(ExitCodes.Ok, exit);
        var found = JsonDocument.Parse(output.ToString()).RootElement.EnumerateArray()
            .Where(s => s.GetProperty("pid").GetInt32() == wrapper.Id || ProcFs.Tree(wrapper.Id).Contains(s.GetProperty("pid").GetInt32()))
            .ToList();
        var server = Assert.Single(found);
        Assert.Equal(wrapper.Id, server.GetProperty("pid").GetInt32());
        Assert.Equal($"discovered-server-everything-{wrapper.Id}", server.GetProperty("serverId").GetString());
        Assert.False(server.GetProperty("probeable").GetBoolean());
        Assert.DoesNotContain("s3cret", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AttachOnce_ServerStartedOutside_AttachedUntilItsProcessIsGone()
    {
        var wrapper = Start("/bin/sh", new Dictionary<string, string>(), "-c", "\"$0\" \"$1\" stdio; exit $?", NpmFixtures.Node, NpmFixtures.ServerEverything);
        Assert.True(await Poll.TrueAsync(() => ProcFs.Tree(wrapper.Id).Count >= 2));
        await using var agent = await RunningAgent.StartAsync();
        var discovery = agent.Services.GetRequiredService<DiscoveryService>();
        var id = $"discovered-server-everything-{wrapper.Id}";

        discovery.AttachOnce();

        var status = await Poll.UntilAsync(() => agent.Http.GetStringAsync($"/api/v1/servers/{id}"),
            body => JsonDocument.Parse(body).RootElement.GetProperty("state").GetString() == "up", $"{id} up");
        Assert.Equal("discovered", JsonDocument.Parse(status).RootElement.GetProperty("origin").GetString());
        var listed = JsonDocument.Parse(await agent.Http.GetStringAsync("/api/v1/discovery")).RootElement.GetProperty("servers").EnumerateArray()
            .Single(s => s.GetProperty("pid").GetInt32() == wrapper.Id);
        Assert.True(listed.GetProperty("monitored").GetBoolean());
        Assert.Equal(id, listed.GetProperty("serverId").GetString());

        wrapper.Kill(entireProcessTree: true);
        await Poll.UntilAsync(() => agent.Http.GetStringAsync($"/api/v1/servers/{id}"),
            body => JsonDocument.Parse(body).RootElement.GetProperty("state").GetString() == "down", $"{id} down");
        discovery.AttachOnce();

        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await agent.Http.GetAsync($"/api/v1/servers/{id}")).StatusCode);
    }

    private Process Start(string fileName, Dictionary<string, string> environment, params string[] arguments)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _started.Add(process);
        return process;
    }
}
