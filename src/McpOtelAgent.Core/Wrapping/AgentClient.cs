using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace McpOtelAgent.Wrapping;

/// <summary>
/// The wrapper's side of the agent's REST API: attach the wrapped server's process as a target, report its traffic,
/// detach at the end. Short timeouts throughout: the agent is an extra, and a slow one must never hold the wrapper up.
/// Every failure surfaces as an exception for the caller to log and move past.
/// </summary>
internal sealed class AgentClient : IDisposable
{
    private readonly HttpClient _http;

    public AgentClient(Uri agentUrl, string? apiKey, HttpMessageHandler? handler = null)
    {
        // A base address without a trailing slash would drop its last path segment from relative requests.
        var baseAddress = agentUrl.AbsoluteUri.EndsWith('/') ? agentUrl : new Uri(agentUrl.AbsoluteUri + "/");
        _http = new HttpClient(handler ?? new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(1), UseProxy = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(3),
        };
        if (!string.IsNullOrEmpty(apiKey))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
    }

    /// <summary>
    /// Attaches <paramref name="pid"/> under <paramref name="serverId"/>. A target left by an earlier run of the same
    /// config entry (409) is replaced: the desktop client restarted the server, and the id should follow the new process.
    /// </summary>
    public async Task AttachAsync(string serverId, int pid, CancellationToken cancellationToken)
    {
        var request = new AgentTargetRequest(serverId, pid);
        using var response = await _http.PostAsJsonAsync("api/v1/servers", request, WrapJsonContext.Default.AgentTargetRequest, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Conflict)
        {
            response.EnsureSuccessStatusCode();
            return;
        }

        await DetachAsync(serverId, cancellationToken);
        using var retry = await _http.PostAsJsonAsync("api/v1/servers", request, WrapJsonContext.Default.AgentTargetRequest, cancellationToken);
        retry.EnsureSuccessStatusCode();
    }

    public async Task DetachAsync(string serverId, CancellationToken cancellationToken)
    {
        using var response = await _http.DeleteAsync("api/v1/servers/" + Uri.EscapeDataString(serverId), cancellationToken);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            response.EnsureSuccessStatusCode();
        }
    }

    /// <summary>
    /// Sends one traffic report; false when the agent does not monitor <paramref name="serverId"/> (404): it takes
    /// traffic only for its targets, and has none by that id after a restart or a failed attach.
    /// </summary>
    public async Task<bool> ReportAsync(string serverId, McpTrafficReport report, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync(
            "api/v1/servers/" + Uri.EscapeDataString(serverId) + "/mcp-traffic",
            report,
            WrapJsonContext.Default.McpTrafficReport,
            cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        response.EnsureSuccessStatusCode();
        return true;
    }

    public void Dispose() => _http.Dispose();
}
