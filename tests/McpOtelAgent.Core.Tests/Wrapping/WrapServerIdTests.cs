using McpOtelAgent.Wrapping;

namespace McpOtelAgent.Core.Tests.Wrapping;

public class WrapServerIdTests
{
    [Theory]
    [InlineData("npx", new[] { "-y", "@modelcontextprotocol/server-everything" }, "server-everything")]
    [InlineData("npx", new[] { "-y", "@modelcontextprotocol/server-filesystem@2026.1.0", "/home/me" }, "server-filesystem")]
    [InlineData("uvx", new[] { "mcp-server-fetch" }, "mcp-server-fetch")]
    [InlineData("/usr/bin/python3", new[] { "-m", "my_server" }, "my_server")]
    [InlineData("/opt/My Server/bin/Weather MCP", new string[0], "weather-mcp")]
    [InlineData("npx", new string[0], "npx")]
    [InlineData("@@@", new string[0], "wrapped")]
    public void Derive_LauncherOrCommand_GivesTheLabelSafeName(string command, string[] arguments, string expected)
    {
        Assert.Equal(expected, WrapServerId.Derive(command, arguments));
    }
}
