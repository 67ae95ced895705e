using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using McpOtelAgent.Tests.Support;

namespace McpOtelAgent.Tests.Agent.Support;

/// <summary>The real Prometheus (Debian's <c>prometheus</c>) on a free loopback port, scraping one target every second.</summary>
internal sealed class PrometheusServer : IDisposable
{
    private readonly ChildProcess _process;
    private readonly string _dir;

    private PrometheusServer(ChildProcess process, string dir, Uri address)
    {
        _process = process;
        _dir = dir;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
    }

    public HttpClient Http { get; }

    public static PrometheusServer Start(Uri scrapeTarget)
    {
        var dir = Directory.CreateTempSubdirectory("mcpotel-prometheus-").FullName;
        var config = Path.Combine(dir, "prometheus.yml");
        File.WriteAllText(config, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: mcp-otel-agent
                static_configs:
                  - targets: ['{scrapeTarget.Authority}']
            """);
        var port = FreePort.Next();
        var info = new ProcessStartInfo("prometheus") { UseShellExecute = false, WorkingDirectory = dir };
        foreach (var argument in new[]
        {
            $"--config.file={config}",
            $"--storage.tsdb.path={Path.Combine(dir, "data")}",
            $"--web.listen-address=127.0.0.1:{port}",
            "--log.level=warn",
        })
        {
            info.ArgumentList.Add(argument);
        }

        return new PrometheusServer(ChildProcess.Start(info), dir, new Uri($"http://127.0.0.1:{port}"));
    }

    /// <summary>The value of the first series an instant PromQL query returns, or null when it returns none.</summary>
    public async Task<double?> QueryAsync(string promQl)
    {
        using var document = await Http.GetFromJsonAsync<JsonDocument>($"/api/v1/query?query={Uri.EscapeDataString(promQl)}");
        var result = document!.RootElement.GetProperty("data").GetProperty("result");
        return result.GetArrayLength() == 0
            ? null
            : double.Parse(result[0].GetProperty("value")[1].GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        Http.Dispose();
        _process.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
