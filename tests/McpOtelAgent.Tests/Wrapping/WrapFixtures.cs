using System.Net;
using System.Net.Sockets;

namespace McpOtelAgent.Tests.Wrapping;

/// <summary>Paths of the real things the wrapper tests run: the npm MCP servers and the agent executable.</summary>
internal static class WrapFixtures
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary><c>dist/index.js</c> of @modelcontextprotocol/server-everything (installed by test.sh).</summary>
    public static string ServerEverything { get; } = Path.Combine(
        RepositoryRoot, "tests", "fixtures", "npm", "node_modules", "@modelcontextprotocol", "server-everything", "dist", "index.js");

    /// <summary>The agent's entry assembly, copied next to the tests by the project reference.</summary>
    public static string AgentAssembly { get; } = Path.Combine(AppContext.BaseDirectory, "mcp-otel-agent.dll");

    /// <summary>A loopback port nothing listens on (just released), for "agent/collector down" tests.</summary>
    public static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "McpOtelAgent.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("McpOtelAgent.sln not found above " + AppContext.BaseDirectory);
    }
}
