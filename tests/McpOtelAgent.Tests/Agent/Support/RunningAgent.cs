using System.Collections;
using System.Net.Http.Headers;
using McpOtelAgent.Hosting;
using McpOtelAgent.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace McpOtelAgent.Tests.Agent.Support;

/// <summary>
/// The real agent host (Kestrel, exporters, sampler, the /proc probe) in this process, on a free loopback port,
/// sampling fast. Its configuration comes from a real JSON file and an environment the test controls.
/// </summary>
internal sealed class RunningAgent : IAsyncDisposable
{
    public const string ApiKey = "test-key-0123456789";

    private readonly WebApplication _app;
    private readonly string _dir;

    private RunningAgent(WebApplication app, string dir, Uri baseAddress)
    {
        _app = app;
        _dir = dir;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="configJson">The config file's content; null for the embedded defaults alone.</param>
    /// <param name="environment">The environment the agent reads (MCPOTEL_*, OTEL_*); empty by default.</param>
    /// <param name="configureServices">Lets a test add an exporter or swap a service.</param>
    public static async Task<RunningAgent> StartAsync(
        string? configJson = null,
        Hashtable? environment = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var dir = Directory.CreateTempSubdirectory("mcpotel-agent-").FullName;
        string? configPath = null;
        if (configJson is not null)
        {
            configPath = Path.Combine(dir, "agent.json");
            await File.WriteAllTextAsync(configPath, configJson);
        }

        var settings = new Dictionary<string, string?>
        {
            ["Agent:Urls"] = "http://127.0.0.1:0",
            ["Agent:MonitoringIntervalSeconds"] = "0.5",

            // The embedded defaults attach every MCP server process discovered on the host; MCP servers that other
            // tests run in parallel must not turn up as targets here. Discovery tests call AttachOnce themselves.
            ["Agent:Discovery:AutoAttach"] = "false",
        };
        var app = AgentApplication.Build(new AgentLaunch(configPath, settings, environment ?? []), configureServices);
        try
        {
            AgentApplication.Validate(app);
            await app.StartAsync();
        }
        catch
        {
            // A start that fails (tests of bad configurations) would otherwise leave the built host, with its
            // process-wide listeners, alive for the rest of the test run.
            await app.DisposeAsync();
            Directory.Delete(dir, recursive: true);
            throw;
        }

        // The API's listener; a metrics-only one (Agent:MetricsUrls) is listed after it.
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.First();
        return new RunningAgent(app, dir, new Uri(address));
    }

    public Task<string> ScrapeAsync() => Http.GetStringAsync("/metrics");

    /// <summary>Scrapes until <paramref name="done"/> holds for the exposition.</summary>
    public Task<string> ScrapeUntilAsync(Func<string, bool> done, string what) => Poll.UntilAsync(ScrapeAsync, done, what);

    public HttpRequestMessage Request(HttpMethod method, string path, string? key = ApiKey, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return request;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
