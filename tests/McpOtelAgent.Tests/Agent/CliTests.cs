using System.Collections;
using System.Diagnostics;
using McpOtelAgent.Hosting;
using McpOtelAgent.Tests.Agent.Support;
using McpOtelAgent.Tests.Support;

namespace McpOtelAgent.Tests.Agent;

public sealed class CliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mcpotel-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void CheckConfiguration_SeveralProblems_Exit2ListingEveryKey()
    {
        var config = Write("""
            { "Agent": { "MonitoringIntervalSeconds": -1, "Urls": "http://0.0.0.0:1",
                         "Servers": { "a": { }, "b": { "Pid": 1, "PidFile": "/x" } } } }
            """);
        var (output, errors) = (new StringWriter(), new StringWriter());

        var exit = AgentApplication.CheckConfiguration(new AgentLaunch(config, new Dictionary<string, string?>(), new Hashtable()), output, errors);

        Assert.Equal(2, exit);
        var text = errors.ToString();
        Assert.Contains("Agent:MonitoringIntervalSeconds", text, StringComparison.Ordinal);
        Assert.Contains("Agent:Urls", text, StringComparison.Ordinal);
        Assert.Contains("Agent:Servers:a", text, StringComparison.Ordinal);
        Assert.Contains("Agent:Servers:b:Pid", text, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckConfiguration_EnvironmentOverridesTheFile_Exit0()
    {
        var config = Write("""{ "Agent": { "MonitoringIntervalSeconds": -1 } }""");
        var environment = new Hashtable { ["MCPOTEL_Agent__MonitoringIntervalSeconds"] = "1" };

        var exit = AgentApplication.CheckConfiguration(
            new AgentLaunch(config, new Dictionary<string, string?>(), environment), new StringWriter(), new StringWriter());

        Assert.Equal(0, exit);
    }

    [Theory]
    [InlineData("{ not json", "not valid JSON")]
    [InlineData("""{ "Agent": { "MonitoringIntervalSeconds": "soon" } }""", "Agent:MonitoringIntervalSeconds")]
    public void CheckConfiguration_UnreadableFile_Exit2SayingWhy(string content, string expected)
    {
        var errors = new StringWriter();

        var exit = AgentApplication.CheckConfiguration(
            new AgentLaunch(Write(content), new Dictionary<string, string?>(), new Hashtable()), new StringWriter(), errors);

        Assert.Equal(2, exit);
        Assert.Contains(expected, errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Executable_Version_PrintsTheVersion()
    {
        var (exit, output) = await RunToEndAsync("--version");

        Assert.Equal(0, exit);
        Assert.StartsWith("0.1.0", output.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Executable_CheckConfigOnAnInvalidFile_Exit2()
    {
        var (exit, _) = await RunToEndAsync("check-config", "--config", Write("""{ "Agent": { "TrendWindowSize": 0 } }"""));

        Assert.Equal(2, exit);
    }

    [Fact]
    public async Task Executable_RunWithAnInvalidFile_Exit2BeforeListening()
    {
        var (exit, output) = await RunToEndAsync("run", "--config", Write("""{ "Agent": { "Servers": { "x": { } } } }"""));

        Assert.Equal(2, exit);
        Assert.Contains("Agent:Servers:x", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Executable_RunWithEmbeddedDefaults_ServesItsOwnSeries()
    {
        var port = FreePort.Next();
        using var agent = ChildProcess.Start(Executable(redirect: false, "run", "--urls", $"http://127.0.0.1:{port}", "--monitoring-interval", "0.5"));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        var text = await Poll.UntilAsync(() => http.GetStringAsync("/metrics"),
            t => Exposition.Has(t, "process_memory_usage_bytes", "mcp-otel-agent"), "the agent's own series");

        Assert.Equal(1, Exposition.Value(text, "mcp_server_up", ("server_id", "mcp-otel-agent")));
        Assert.NotNull(Exposition.Value(text, "mcp_server_info", ("server_id", "mcp-otel-agent"),
            ("process_pid", agent.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }

    private string Write(string content)
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>The built agent, run as its own process with <c>dotnet mcp-otel-agent.dll</c>.</summary>
    private static ProcessStartInfo Executable(bool redirect, params string[] arguments)
    {
        // A long-running agent's output is not read, so it must not go to a pipe that could fill up.
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = redirect, RedirectStandardError = redirect };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mcp-otel-agent.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("MCPOTEL_", StringComparison.Ordinal) || k.StartsWith("OTEL_", StringComparison.Ordinal)).ToArray())
        {
            info.Environment.Remove(name);
        }

        return info;
    }

    private static async Task<(int ExitCode, string Output)> RunToEndAsync(params string[] arguments)
    {
        using var process = Process.Start(Executable(redirect: true, arguments))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }
}
