using System.Diagnostics;
using System.Reflection;
using McpOtelAgent.Tests.Support;

namespace McpOtelAgent.Tests.Agent.Support;

/// <summary>
/// The standalone Aspire Dashboard (NuGet Aspire.Dashboard.Sdk.linux-x64, restored with this project) as a real OTLP
/// receiver on free loopback ports, anonymous, with its telemetry read API on.
/// </summary>
internal sealed class AspireDashboard : IDisposable
{
    private readonly ChildProcess _process;
    private readonly string _home;

    private AspireDashboard(ChildProcess process, string home, Uri otlpHttp, Uri otlpGrpc, Uri frontend)
    {
        _process = process;
        _home = home;
        OtlpHttpEndpoint = otlpHttp;
        OtlpGrpcEndpoint = otlpGrpc;
        Http = new HttpClient { BaseAddress = frontend, Timeout = TimeSpan.FromSeconds(10) };
    }

    public Uri OtlpHttpEndpoint { get; }

    public Uri OtlpGrpcEndpoint { get; }

    public HttpClient Http { get; }

    public static AspireDashboard Start()
    {
        var package = typeof(AspireDashboard).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "AspireDashboardPackage").Value!;
        var tools = Path.Combine(package, "tools");
        var home = Directory.CreateTempSubdirectory("mcpotel-aspire-").FullName;
        var (http, grpc, frontend) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        var info = new ProcessStartInfo(Path.Combine(tools, "Aspire.Dashboard")) { UseShellExecute = false, WorkingDirectory = tools };
        info.Environment["HOME"] = home;
        info.Environment["ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS"] = "true";
        info.Environment["ASPIRE_DASHBOARD_API_ENABLED"] = "true";
        info.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{grpc}";
        info.Environment["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = $"http://127.0.0.1:{http}";
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{frontend}";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        return new AspireDashboard(ChildProcess.Start(info), home,
            new Uri($"http://127.0.0.1:{http}"), new Uri($"http://127.0.0.1:{grpc}"), new Uri($"http://127.0.0.1:{frontend}"));
    }

    public Task<string> ResourcesAsync() => Http.GetStringAsync("/api/telemetry/resources");

    public void Dispose()
    {
        Http.Dispose();
        _process.Dispose();
        Directory.Delete(_home, recursive: true);
    }
}
