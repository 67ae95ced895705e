using McpOtelAgent.Tests.Reliability.Support;
using Xunit.Abstractions;

namespace McpOtelAgent.Tests.Reliability;

/// <summary>
/// A table of broken configuration files, each run with the real executable's <c>run</c>: exit code 2, a message that
/// names the key (or says the file is not JSON), and never a stack trace.
/// </summary>
[Trait(Support.Reliability.Category, Support.Reliability.Name)]
public sealed class MalformedConfigTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mcpotel-badconfig-").FullName;

    public static TheoryData<string, string, string> Cases => new()
    {
        { "bad JSON", "{ \"Agent\": { ", "not valid JSON" },
        { "not an object", "[1, 2, 3]", "not valid JSON" },
        { "trailing garbage", "{ \"Agent\": {} } }", "not valid JSON" },
        { "wrong type", """{ "Agent": { "MonitoringIntervalSeconds": "often" } }""", "Agent:MonitoringIntervalSeconds" },
        { "wrong type in a target", """{ "Agent": { "Servers": { "a": { "Pid": "one" } } } }""", "Agent:Servers:a:Pid" },
        { "object for a number", """{ "Agent": { "TrendWindowSize": { "x": 1 } } }""", "Agent:TrendWindowSize" },
        { "unknown key", """{ "Agent": { "MonitoringInterval": 5 } }""", "Agent:MonitoringInterval is not a known setting" },
        { "unknown key in a target", """{ "Agent": { "Servers": { "a": { "Pid": 1, "IncludeChildern": false } } } }""", "Agent:Servers:a:IncludeChildern" },
        { "unknown section", """{ "Agent": { "Helth": { "Thresholds": {} }, "Alerts": { "Alertmanger": { "Url": "http://127.0.0.1:1" } } } }""", "Agent:Alerts:Alertmanger:Url" },
        { "negative interval", """{ "Agent": { "MonitoringIntervalSeconds": -5 } }""", "Agent:MonitoringIntervalSeconds" },
        { "zero health interval", """{ "Agent": { "HealthCheckIntervalSeconds": 0 } }""", "Agent:HealthCheckIntervalSeconds" },
        { "duplicate ids", """{ "Agent": { "Servers": { "a": { "Pid": 1 }, "a": { "Pid": 2 } } } }""", "Agent:Servers:a" },
        { "duplicate ids differing in case", """{ "Agent": { "Servers": { "a": { "Pid": 1 }, "A": { "Pid": 2 } } } }""", "Agent:Servers:" },
        { "bad regex", """{ "Agent": { "Servers": { "a": { "Match": "([unclosed" } } } }""", "Agent:Servers:a:Match" },
        { "two ways to find a target", """{ "Agent": { "Servers": { "a": { "Pid": 1, "Match": "x" } } } }""", "Agent:Servers:a:Pid" },
        { "invalid server id", """{ "Agent": { "Servers": { "bad id!": { "Pid": 1 } } } }""", "Agent:Servers:bad id!" },
        { "negative pid", """{ "Agent": { "Servers": { "a": { "Pid": -3 } } } }""", "Agent:Servers:a:Pid" },
        { "bad URL", """{ "Agent": { "Urls": "not a url" } }""", "Agent:Urls" },
        { "bad OTLP protocol", """{ "Agent": { "Otlp": { "Protocol": "smoke-signals" } } }""", "Agent:Otlp:Protocol" },
        { "negative threshold", """{ "Agent": { "Health": { "Thresholds": { "cpu_percent": { "Warning": -1 } } } } }""", "Agent:Health:Thresholds:cpu_percent" },
    };

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Run_MalformedConfig_Exit2NamingTheKeyWithoutStackTrace(string name, string content, string expected)
    {
        var path = Path.Combine(_dir, "agent.json");
        await File.WriteAllTextAsync(path, content);

        // No --urls: the command line would win over the file's Urls. Every case is refused before anything binds.
        var (exit, text) = await AgentProcess.RunToEndAsync(["run", "--config", path]);

        output.WriteLine($"{name}: exit {exit}\n{text}");
        Assert.Equal(2, exit);
        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", text, StringComparison.OrdinalIgnoreCase);
    }
}
