using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using McpOtelAgent.Tests.Agent.Support;
using McpOtelAgent.Tests.Support;

namespace McpOtelAgent.Tests.Health;

/// <summary>The real executable with the JSON console formatter: an alert is one JSON line with its fields.</summary>
public sealed class JsonConsoleLogTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mcpotel-jsonlog-").FullName;
    private Process? _agent;

    public void Dispose()
    {
        if (_agent is { HasExited: false })
        {
            _agent.Kill(entireProcessTree: true);
            _agent.WaitForExit(10_000);
        }

        _agent?.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Executable_JsonConsoleFormatter_AlertFiringIsOneJsonLineWithItsFields()
    {
        using var burner = ChildProcess.CpuBurner();
        var config = Path.Combine(_dir, "agent.json");
        await File.WriteAllTextAsync(config, $$"""
            {
              "Logging": { "Console": { "FormatterName": "json" } },
              "Agent": {
                "Urls": "http://127.0.0.1:{{FreePort.Next()}}",
                "MonitoringIntervalSeconds": 0.5,
                "HealthCheckIntervalSeconds": 1,
                "SelfMonitoring": { "Enabled": false },
                "Servers": { "json-burner": { "Pid": {{burner.Pid}} } },
                "Health": { "Servers": { "json-burner": { "Thresholds": { "cpu_percent": { "Warning": 5, "ForSeconds": 0 } } } } }
              }
            }
            """);
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "mcp-otel-agent.dll"), "run", "--config", config })
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("MCPOTEL_", StringComparison.Ordinal) || k.StartsWith("OTEL_", StringComparison.Ordinal)).ToArray())
        {
            info.Environment.Remove(name);
        }

        var lines = new ConcurrentQueue<string>();
        _agent = Process.Start(info)!;
        _agent.OutputDataReceived += (_, e) => lines.Enqueue(e.Data ?? "");
        _agent.ErrorDataReceived += (_, _) => { };
        _agent.BeginOutputReadLine();
        _agent.BeginErrorReadLine();

        var firing = await Poll.UntilAsync(
            () => Task.FromResult(lines.Select(Parse).FirstOrDefault(e => e?.GetProperty("EventId").GetInt32() == 2000)),
            e => e is not null,
            "an AlertFiring JSON line on stdout");

        var state = firing!.Value.GetProperty("State");
        Assert.Equal("json-burner", state.GetProperty("server_id").GetString());
        Assert.Equal("high_cpu", state.GetProperty("alert_type").GetString());
        Assert.Equal("firing", state.GetProperty("state").GetString());
        Assert.Equal("McpOtelAgent.Alerts.LogAlertSink", firing.Value.GetProperty("Category").GetString());
    }

    private static JsonElement? Parse(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
