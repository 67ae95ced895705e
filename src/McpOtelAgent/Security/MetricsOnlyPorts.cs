using McpOtelAgent.Configuration;
using Microsoft.Extensions.Options;

namespace McpOtelAgent.Security;

/// <summary>
/// The listeners of <c>Agent:MetricsUrls</c> serve <c>/metrics</c> and nothing else. The port the connection arrived
/// on decides (<see cref="ConnectionInfo.LocalPort"/>): the Host header is the client's to choose, so it decides nothing.
/// </summary>
internal static class MetricsOnlyPorts
{
    public const string MetricsPath = "/metrics";

    public static WebApplication UseMetricsOnlyPorts(this WebApplication app)
    {
        var ports = Ports(app.Services.GetRequiredService<IOptions<AgentOptions>>().Value.MetricsUrls);
        if (ports.Count == 0)
        {
            return app;
        }

        app.Use(async (context, next) =>
        {
            if (ports.Contains(context.Connection.LocalPort)
                && !string.Equals(context.Request.Path.Value, MetricsPath, StringComparison.Ordinal))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await next(context);
        });
        return app;
    }

    public static HashSet<int> Ports(string? metricsUrls)
    {
        var ports = new HashSet<int>();
        foreach (var url in BindAddresses.Split(metricsUrls))
        {
            if (BindAddresses.TryParse(url, out _, out var port))
            {
                ports.Add(port);
            }
        }

        return ports;
    }
}
