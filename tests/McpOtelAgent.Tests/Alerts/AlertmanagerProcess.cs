using System.Diagnostics;
using System.Text.Json;
using McpOtelAgent.Tests.Support;

namespace McpOtelAgent.Tests.Alerts;

/// <summary>
/// A real Prometheus Alertmanager (Debian <c>prometheus-alertmanager</c>) on a loopback port, clustering off, storage in
/// a temp folder, routing everything to a receiver that sends nothing. Killed by PID on dispose.
/// </summary>
internal sealed class AlertmanagerProcess : IDisposable
{
    private const string Config = """
        route:
          receiver: "null"
          group_wait: 0s
        receivers:
          - name: "null"
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("mcpotel-am-").FullName;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private Process? _process;

    public AlertmanagerProcess()
    {
        Port = FreePort.Next();
        Url = new Uri($"http://127.0.0.1:{Port}");
    }

    public int Port { get; }

    public Uri Url { get; }

    /// <summary>Starts it and waits until <c>/-/ready</c> answers 200.</summary>
    public async Task StartAsync()
    {
        var config = Path.Combine(_directory, "alertmanager.yml");
        await File.WriteAllTextAsync(config, Config);
        var start = new ProcessStartInfo("prometheus-alertmanager")
        {
            ArgumentList =
            {
                $"--config.file={config}",
                $"--storage.path={Path.Combine(_directory, "data")}",
                $"--web.listen-address=127.0.0.1:{Port}",
                "--cluster.listen-address=",
                "--log.level=warn",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("prometheus-alertmanager did not start");
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        await Poll.UntilAsync(
            async () =>
            {
                using var response = await _http.GetAsync(new Uri(Url, "/-/ready"));
                return response.IsSuccessStatusCode || _process.HasExited;
            },
            ready => ready,
            "Alertmanager to answer /-/ready");
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"prometheus-alertmanager exited with {_process.ExitCode}");
        }
    }

    /// <summary>The alerts Alertmanager holds as active (not resolved), as <c>GET /api/v2/alerts</c> returns them.</summary>
    public async Task<List<JsonElement>> GetAlertsAsync()
    {
        var json = await _http.GetStringAsync(new Uri(Url, "/api/v2/alerts"));
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(static e => e.Clone())];
    }

    public void Dispose()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        _http.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
