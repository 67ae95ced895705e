using ModelContextProtocol.Client;

namespace McpOtelAgent.Tests.Wrapping;

/// <summary>
/// The official SDK client launching the real <c>mcp-otel-agent wrap</c> over stdio, as a desktop client would, with
/// server-everything behind it, and one fixed session: tools/list, echo twice, get-sum, and an echo without its argument
/// (a tool error); <c>duringSession</c> runs after it, with the client for more calls.
/// </summary>
internal static class WrappedSdkSession
{
    public static async Task<TimeSpan> RunAsync(
        IEnumerable<string> wrapArguments,
        IReadOnlyDictionary<string, string?>? environment = null,
        Func<McpClient, Task>? duringSession = null,
        List<string>? standardError = null)
    {
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Command = "dotnet",
            Arguments = [WrapFixtures.AgentAssembly, "wrap", .. wrapArguments, "--", "node", WrapFixtures.ServerEverything, "stdio"],
            EnvironmentVariables = environment?.ToDictionary() ?? [],
            ShutdownTimeout = TimeSpan.FromSeconds(20),
            StandardErrorLines = line =>
            {
                if (standardError is not null)
                {
                    lock (standardError)
                    {
                        standardError.Add(line);
                    }
                }
            },
        });

        var client = await McpClient.CreateAsync(transport);
        var tools = await client.ListToolsAsync();
        Assert.Contains(tools, t => t.Name == "echo");
        var echo = await client.CallToolAsync("echo", new Dictionary<string, object?> { ["message"] = "one" });
        Assert.NotEqual(true, echo.IsError);
        await client.CallToolAsync("echo", new Dictionary<string, object?> { ["message"] = "two" });
        await client.CallToolAsync("get-sum", new Dictionary<string, object?> { ["a"] = 2, ["b"] = 3 });
        Assert.True((await client.CallToolAsync("echo", new Dictionary<string, object?>())).IsError);
        if (duringSession is not null)
        {
            await duringSession(client);
        }

        var closing = TimeProvider.System.GetTimestamp();
        await client.DisposeAsync();
        return TimeProvider.System.GetElapsedTime(closing);
    }
}
