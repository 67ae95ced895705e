using System.Text.Json;

namespace McpOtelAgent.Tests.Assets.Support;

/// <summary>Reads the HTTP APIs of the real Prometheus and Alertmanager the tests start.</summary>
internal static class PrometheusApi
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>An instant query's series, each as its label set; throws with Prometheus' error for a bad query.</summary>
    public static async Task<IReadOnlyList<IReadOnlyDictionary<string, string>>> QueryAsync(Uri prometheus, string expr)
    {
        var uri = new Uri(prometheus, "/api/v1/query?query=" + Uri.EscapeDataString(expr));
        using var response = await Http.GetAsync(uri);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        if (root.GetProperty("status").GetString() != "success")
        {
            throw new InvalidOperationException($"query {expr} failed: {root.GetProperty("error").GetString()}");
        }

        var data = root.GetProperty("data");
        return data.GetProperty("resultType").GetString() switch
        {
            "vector" or "matrix" => [.. data.GetProperty("result").EnumerateArray().Select(static s => Labels(s.GetProperty("metric")))],
            _ => [new Dictionary<string, string>()],
        };
    }

    /// <summary>Alertmanager's alerts (<c>GET /api/v2/alerts</c>), each as its label set.</summary>
    public static async Task<IReadOnlyList<IReadOnlyDictionary<string, string>>> AlertmanagerAlertsAsync(Uri alertmanager)
    {
        using var json = JsonDocument.Parse(await Http.GetStringAsync(new Uri(alertmanager, "/api/v2/alerts")));
        return [.. json.RootElement.EnumerateArray().Select(static a => Labels(a.GetProperty("labels")))];
    }

    public static Task<string> GetStringAsync(Uri uri) => Http.GetStringAsync(uri);

    private static Dictionary<string, string> Labels(JsonElement labels) =>
        labels.EnumerateObject().ToDictionary(static p => p.Name, static p => p.Value.GetString() ?? string.Empty, StringComparer.Ordinal);
}
