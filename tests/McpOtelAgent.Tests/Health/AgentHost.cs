using System.Collections;
using System.Net.Http.Headers;
using McpOtelAgent.Hosting;
using McpOtelAgent.Tests.Alerts;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace McpOtelAgent.Tests.Health;

/// <summary>
/// The real agent, built by <see cref="AgentApplication"/> as the executable builds it, listening on a free loopback
/// port, with fast intervals and an API key; every log event is recorded. Settings are configuration keys.
/// </summary>
internal sealed class AgentHost : IAsyncDisposable
{
    public const string ApiKey = "health-test-key";

    private readonly WebApplication _app;

    private AgentHost(WebApplication app, Uri url, RecordingLoggerProvider logs)
    {
        _app = app;
        Url = url;
        Logs = logs;
        Http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Url { get; }

    public HttpClient Http { get; }

    public RecordingLoggerProvider Logs { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<AgentHost> StartAsync(IReadOnlyDictionary<string, string?> settings, IDictionary? environment = null)
    {
        var url = new Uri($"http://127.0.0.1:{AlertmanagerProcess.FreePort()}");
        var all = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Agent:Urls"] = url.ToString().TrimEnd('/'),
            ["Agent:ApiKey"] = ApiKey,
            ["Agent:MonitoringIntervalSeconds"] = "0.5",
            ["Agent:HealthCheckIntervalSeconds"] = "1",
            ["Agent:SelfMonitoring:Enabled"] = "false",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        var logs = new RecordingLoggerProvider();
        var app = AgentApplication.Build(
            new AgentLaunch(null, all, environment ?? new Hashtable()),
            services => services.AddSingleton<ILoggerProvider>(logs));
        AgentApplication.Validate(app);
        await app.StartAsync();
        return new AgentHost(app, url, logs);
    }

    public HttpRequestMessage Authorized(HttpMethod method, string path, HttpContent? content = null) => new(method, path)
    {
        Headers = { Authorization = new AuthenticationHeaderValue("Bearer", ApiKey) },
        Content = content,
    };

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
