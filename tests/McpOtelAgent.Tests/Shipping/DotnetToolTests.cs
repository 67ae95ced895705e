using System.Reflection;
using McpOtelAgent.Tests.Assets.Support;
using Xunit.Abstractions;

namespace McpOtelAgent.Tests.Shipping;

/// <summary>
/// The agent as a .NET tool: packed from the build the tests run against, installed into a temp tool path (never
/// --global, so the machine is left as it was) from that folder alone, and run.
/// </summary>
public sealed class DotnetToolTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mcpotel-tool-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task PackAndInstall_ToolPath_RunsVersion()
    {
        var packages = Path.Combine(_dir, "packages");
        var tools = Path.Combine(_dir, "tools");
        // Only the packed folder: a tool of the same name on a public feed must not win.
        var config = Path.Combine(_dir, "nuget.config");
        await File.WriteAllTextAsync(config, """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><clear /></packageSources></configuration>
            """);
        var configuration = typeof(DotnetToolTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;

        await RunAsync("dotnet", "pack", Project(), "--no-build", "--no-restore", "-c", configuration, "-o", packages, "-nologo");
        Assert.Single(Directory.GetFiles(packages, "mcp-otel-agent.*.nupkg"));
        await RunAsync("dotnet", "tool", "install", "--tool-path", tools, "mcp-otel-agent", "--add-source", packages, "--configfile", config);
        var version = await RunAsync(Path.Combine(tools, "mcp-otel-agent"), "--version");

        Assert.StartsWith("0.1.0", version.Trim(), StringComparison.Ordinal);
    }

    /// <summary>src/McpOtelAgent/McpOtelAgent.csproj, found upwards from the test's build output.</summary>
    private static string Project()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "McpOtelAgent", "McpOtelAgent.csproj");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("src/McpOtelAgent/McpOtelAgent.csproj not found above " + AppContext.BaseDirectory);
    }

    private async Task<string> RunAsync(string fileName, params string[] arguments)
    {
        var run = await ToolRun.RunAsync(fileName, arguments, environment: DotnetCli.QuietEnvironment, timeout: TimeSpan.FromMinutes(3));
        output.WriteLine($"$ {fileName} {string.Join(' ', arguments)}\n{run.Output}");
        Assert.True(run.ExitCode == 0, $"{fileName} {string.Join(' ', arguments)} exited with {run.ExitCode}: {run.Output}");
        return run.Output;
    }
}
