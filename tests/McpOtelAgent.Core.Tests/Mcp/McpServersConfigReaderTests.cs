using System.Text;
using McpOtelAgent.Lifecycle;
using McpOtelAgent.Mcp;
using Microsoft.Extensions.Configuration;

namespace McpOtelAgent.Core.Tests.Mcp;

public sealed class McpServersConfigReaderTests
{
    [Fact]
    public void Read_ClaudeDesktopConfig_DeclaresStdioServersVerbatim()
    {
        var config = Read("""
            {
              "globalShortcut": "Ctrl+Space",
              "mcpServers": {
                "filesystem": {
                  "command": "npx",
                  "args": ["-y", "@modelcontextprotocol/server-filesystem", "/home/me/Desktop"],
                  "env": { "LOG_LEVEL": "debug" },
                  "cwd": "/tmp"
                },
                "remote": { "url": "https://example.invalid/mcp" }
              }
            }
            """);

        Assert.True(config.IsValid, string.Join("; ", config.Errors));
        var fs = Assert.Single(config.Servers, s => s.Id == "filesystem");
        Assert.Equal(McpTransportKind.Stdio, fs.Transport);
        Assert.Equal("npx", fs.Command);
        Assert.Equal(["-y", "@modelcontextprotocol/server-filesystem", "/home/me/Desktop"], fs.Args);
        Assert.Equal("debug", fs.Env["LOG_LEVEL"]);
        Assert.Equal("/tmp", fs.WorkingDirectory);
        Assert.Equal(RestartPolicy.Default, fs.Restart);
        Assert.True(fs.AutoStart);
        var remote = Assert.Single(config.Servers, s => s.Id == "remote");
        Assert.Equal(McpTransportKind.Http, remote.Transport);
        Assert.Equal(new Uri("https://example.invalid/mcp"), remote.Url);
    }

    [Fact]
    public void Read_VsCodeConfig_ReadsTypeUrlAndHeaders()
    {
        var config = Read("""
            {
              "inputs": [],
              "servers": {
                "github": { "type": "http", "url": "http://127.0.0.1:3001/mcp", "headers": { "Authorization": "Bearer x" } },
                "memory": { "type": "stdio", "command": "node", "args": ["index.js"] }
              }
            }
            """);

        Assert.True(config.IsValid, string.Join("; ", config.Errors));
        var github = Assert.Single(config.Servers, s => s.Id == "github");
        Assert.Equal(McpTransportKind.Http, github.Transport);
        Assert.Equal("Bearer x", github.Headers["authorization"]);
        Assert.Equal("servers:github", github.ConfigPath);
        Assert.Equal(McpTransportKind.Stdio, Assert.Single(config.Servers, s => s.Id == "memory").Transport);
    }

    [Fact]
    public void Read_AgentSettings_OverrideDefaults()
    {
        var config = Read("""
            {
              "mcpServers": {
                "memory": {
                  "command": "node",
                  "mcpOtelAgent": {
                    "autoStart": false,
                    "restart": { "mode": "on-failure", "baseDelaySeconds": 0.5, "factor": 3, "maxDelaySeconds": 30,
                                 "minUptimeSeconds": 20, "maxRestarts": 7, "windowSeconds": 120 },
                    "stop": { "stdinGraceSeconds": 2, "termGraceSeconds": 1 },
                    "probe": { "enabled": false, "intervalSeconds": 5, "timeoutSeconds": 2, "failureThreshold": 4 }
                  }
                }
              }
            }
            """);

        var memory = Assert.Single(config.Servers);
        Assert.False(memory.AutoStart);
        Assert.Equal(
            new RestartPolicy(RestartMode.OnFailure, TimeSpan.FromSeconds(0.5), 3, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(20), 7, TimeSpan.FromSeconds(120)),
            memory.Restart);
        Assert.Equal(new StopPolicy(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1)), memory.Stop);
        Assert.Equal(new McpProbeSettings(false, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2), 4), memory.Probe);
    }

    [Fact]
    public void Read_InvalidEntries_ReportsEveryErrorNamingTheKey()
    {
        var config = Read("""
            {
              "mcpServers": {
                "empty": { "args": ["x"] },
                "both": { "command": "node", "url": "http://127.0.0.1/mcp" },
                "bad url": { "url": "ftp://example.invalid" },
                "tuned": { "command": "node", "mcpOtelAgent": { "restart": { "mode": "sometimes", "factor": "0.5" }, "probe": { "timeoutSeconds": 0 } } }
              },
              "servers": {
                "EMPTY": { "type": "stdio", "command": "x" },
                "weird": { "type": "carrier-pigeon", "url": "http://127.0.0.1/mcp" }
              }
            }
            """);

        Assert.Empty(config.Servers);
        Assert.Contains("mcpServers:empty:command is required for a stdio server (or give url for an http server)", config.Errors);
        Assert.Contains("mcpServers:both: give either command (stdio) or url (http), not both", config.Errors);
        Assert.Contains(config.Errors, e => e.StartsWith("mcpServers:bad url: server id 'bad url' must be 1 to 64 characters", StringComparison.Ordinal));
        Assert.Contains("mcpServers:bad url:url must be an absolute http or https URL", config.Errors);
        Assert.Contains("mcpServers:tuned:mcpOtelAgent:restart:mode must be always, on-failure or never", config.Errors);
        Assert.Contains("mcpServers:tuned:mcpOtelAgent:restart:factor must be at least 1", config.Errors);
        Assert.Contains("mcpServers:tuned:mcpOtelAgent:probe:timeoutSeconds must be positive", config.Errors);
        Assert.Contains("servers:EMPTY: server id 'EMPTY' is already declared at mcpServers:empty", config.Errors);
        Assert.Contains("servers:weird:type must be stdio, http or sse (got 'carrier-pigeon')", config.Errors);
    }

    [Fact]
    public void Read_NoServerMaps_IsEmptyAndValid()
    {
        var config = Read("""{ "Agent": { "MonitoringInterval": 5 } }""");

        Assert.True(config.IsValid);
        Assert.Empty(config.Servers);
    }

    private static McpServersConfig Read(string json)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return McpServersConfigReader.Read(new ConfigurationBuilder().AddJsonStream(stream).Build());
    }
}
