using System.Net.Http.Json;
using Microsoft.Extensions.Options;

namespace McpOtelAgent.Alerts;

/// <summary>Posts alerts to Alertmanager's API v2. Throws on failure; retrying is the forwarder's job.</summary>
internal sealed class AlertmanagerClient(HttpClient http, IOptions<AlertOptions> options)
{
    public Uri Endpoint => AlertsEndpoint(options.Value.Alertmanager.Url
        ?? throw new InvalidOperationException("Agent:Alerts:Alertmanager:Url is not set"));

    public async Task PostAsync(List<AlertmanagerAlert> alerts, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(Endpoint, alerts, AlertmanagerJsonContext.Default.ListAlertmanagerAlert, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"Alertmanager answered {(int)response.StatusCode}: {body.Trim()}", null, response.StatusCode);
        }
    }

    /// <summary><c>{base}/api/v2/alerts</c>, keeping a path prefix (Alertmanager behind <c>--web.route-prefix</c>).</summary>
    public static Uri AlertsEndpoint(Uri baseUrl)
    {
        var text = baseUrl.ToString();
        return new Uri(new Uri(text.EndsWith('/') ? text : text + "/"), "api/v2/alerts");
    }
}
