using System.Net;

namespace McpOtelAgent.Hosting;

/// <summary>Counts Alertmanager pushes that fail (no answer, timeout, 5xx, 429); the forwarder retries them itself.</summary>
internal sealed class AlertmanagerErrorHandler(ExportErrors errors) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                errors.Add(ExportErrors.Alertmanager);
            }

            return response;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            errors.Add(ExportErrors.Alertmanager);
            throw;
        }
    }
}
