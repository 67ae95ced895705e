using System.Collections;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using McpOtelAgent.Configuration;
using McpOtelAgent.Hosting;
using McpOtelAgent.Rules;
using McpOtelAgent.Tests.Lifecycle.Support;
using McpOtelAgent.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace McpOtelAgent.Tests.Assets.Support;

/// <summary>
/// The monitoring path of the compose stack, for real, on loopback: a CPU burner watched by the real agent (in this
/// process) under a lowered <c>cpu_percent</c> threshold; the real Prometheus scraping it every second with the rules
/// the generator makes from the agent's own configuration; the real Alertmanager with the shipped config, receiving
/// both Prometheus' alerts and the agent's own. Everything is stopped and removed in <see cref="DisposeAsync"/>.
/// </summary>
public sealed class MonitoringStack : IAsyncLifetime
{
    public const string BurnerId = "burner";

    /// <summary>The managed server-memory the agent supervises and probes every second.</summary>
    public const string ManagedId = "memory";

    /// <summary>The id the wrapped server-everything gets from <c>wrap --server-id</c>.</summary>
    public const string WrappedId = "everything";

    public const string ApiKey = "assets-test-key";

    /// <summary>The burner's own warning level (a per-server override): far below a busy loop, even sharing two CPUs with other builds.</summary>
    public const double CpuWarning = 5;

    private readonly TempDirectory _directory = new();
    private Process? _burner;
    private WebApplication? _agent;
    private ServiceProcess? _alertmanager;
    private ServiceProcess? _prometheus;

    public Uri AgentUrl { get; private set; } = null!;

    public Uri PrometheusUrl => _prometheus!.BaseUrl;

    public Uri AlertmanagerUrl => _alertmanager!.BaseUrl;

    public string RulesPath => Path.Combine(_directory.Path, PrometheusRuleFile.FileName);

    public string Logs => $"prometheus:\n{_prometheus?.Log}\nalertmanager:\n{_alertmanager?.Log}";

    public async Task InitializeAsync()
    {
        _burner = Process.Start(new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", "while :; do :; done" }, UseShellExecute = false })
            ?? throw new InvalidOperationException("cannot start the CPU burner");

        _alertmanager = await ServiceProcess.StartAsync("prometheus-alertmanager", _directory.Path, port =>
        [
            $"--config.file={RepoPaths.Of("deploy", "alertmanager", "alertmanager.yml")}",
            $"--storage.path={Path.Combine(_directory.Path, "alertmanager")}",
            $"--web.listen-address=127.0.0.1:{port}",
            "--cluster.listen-address=",
        ]);

        var agentPort = FreePort.Next();
        AgentUrl = new Uri($"http://127.0.0.1:{agentPort}");
        var configPath = Path.Combine(_directory.Path, "agent.json");
        await File.WriteAllTextAsync(configPath, AgentConfig(agentPort, _burner.Id, AlertmanagerUrl, Path.Combine(_directory.Path, "memory.jsonl")));

        var launch = new AgentLaunch(configPath, new Dictionary<string, string?>(), new Hashtable());
        await File.WriteAllTextAsync(RulesPath, RuleGenerator.Generate(Settings(launch), RuleFormat.Prometheus).Content);
        _agent = AgentApplication.Build(launch);
        await _agent.StartAsync();

        var prometheusConfig = Path.Combine(_directory.Path, "prometheus.yml");
        await File.WriteAllTextAsync(prometheusConfig, PrometheusConfig(agentPort));
        _prometheus = await ServiceProcess.StartAsync("prometheus", _directory.Path, port =>
        [
            $"--config.file={prometheusConfig}",
            $"--storage.tsdb.path={Path.Combine(_directory.Path, "tsdb")}",
            $"--web.listen-address=127.0.0.1:{port}",
        ]);
    }

    public async Task DisposeAsync()
    {
        _prometheus?.Dispose();
        if (_agent is not null)
        {
            await _agent.StopAsync();
            await _agent.DisposeAsync();
        }

        _alertmanager?.Dispose();
        if (_burner is { HasExited: false })
        {
            _burner.Kill(entireProcessTree: true);
            await _burner.WaitForExitAsync();
        }

        _burner?.Dispose();
        _directory.Dispose();
    }

    /// <summary>Waits until Prometheus has an alert of the server firing (the dashboards' alert panels need one).</summary>
    public Task<bool> WaitForFiringAsync(string serverId) => Poll.TrueAsync(async () =>
        (await PrometheusApi.QueryAsync(PrometheusUrl, $"ALERTS{{alertstate=\"firing\", server_id=\"{serverId}\"}}")).Count > 0,
        TimeSpan.FromSeconds(90));

    /// <summary>The rule settings exactly as <c>mcp-otel-agent rules --config</c> reads them.</summary>
    private static RuleSettings Settings(AgentLaunch launch)
    {
        var builder = new ConfigurationBuilder();
        AgentConfiguration.Apply(builder, launch.ConfigPath, launch.Settings, launch.Environment);
        var (settings, errors) = RuleSettings.From(builder.Build(), RuleSettings.DefaultRateWindow);
        return settings ?? throw new InvalidOperationException(string.Join("; ", errors));
    }

    /// <summary>
    /// The burner's CPU threshold lowered for it alone (a per-server override), and a thread threshold every server
    /// crosses, so each has a firing alert for the dashboards' alert panels and annotations. Discovery attaches
    /// nothing: other tests' MCP servers on this machine stay out.
    /// </summary>
    private static string AgentConfig(int port, int burnerPid, Uri alertmanager, string memoryFile) => string.Create(CultureInfo.InvariantCulture, $$"""
        {
          "mcpServers": {
            "{{ManagedId}}": {
              "command": "node",
              "args": [ {{JsonSerializer.Serialize(NpmFixtures.ServerMemory)}} ],
              "env": { "MEMORY_FILE_PATH": {{JsonSerializer.Serialize(memoryFile)}} },
              "mcpOtelAgent": { "probe": { "intervalSeconds": 1 } }
            }
          },
          "Agent": {
            "Discovery": { "AutoAttach": false },
            "Urls": "http://127.0.0.1:{{port}}",
            "ApiKey": "{{ApiKey}}",
            "MonitoringIntervalSeconds": 1,
            "HealthCheckIntervalSeconds": 1,
            "Servers": { "{{BurnerId}}": { "Pid": {{burnerPid}} } },
            "Health": {
              "Thresholds": { "thread_count": { "Warning": 1, "Critical": 100000, "ForSeconds": 1 } },
              "Servers": {
                "{{BurnerId}}": { "Thresholds": { "cpu_percent": { "Warning": {{CpuWarning}}, "Critical": 100000, "ForSeconds": 3 } } }
              }
            },
            "Alerts": { "Alertmanager": { "Url": "{{alertmanager}}", "ResendIntervalSeconds": 5 } }
          }
        }
        """);

    private string PrometheusConfig(int agentPort) => $"""
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        rule_files:
          - {RulesPath}
        alerting:
          alertmanagers:
            - static_configs:
                - targets: [{AlertmanagerUrl.Authority}]
        scrape_configs:
          - job_name: mcp-otel-agent
            static_configs:
              - targets: [127.0.0.1:{agentPort}]
        """;
}
