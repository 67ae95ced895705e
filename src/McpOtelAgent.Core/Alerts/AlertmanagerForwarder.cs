using System.Net;
using McpOtelAgent.Health;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpOtelAgent.Alerts;

/// <summary>
/// Sends queued notifications to Alertmanager in batches, retrying with exponential backoff while it is unreachable or
/// failing (the batch absorbs what arrives meanwhile, the latest state of each alert winning), and re-sends every
/// firing alert each <see cref="AlertmanagerOptions.ResendInterval"/> so Alertmanager keeps it active. A 4xx answer
/// (other than 429) means the batch itself is wrong: it is logged and dropped rather than retried forever.
/// </summary>
internal sealed class AlertmanagerForwarder(
    AlertmanagerQueue queue,
    AlertmanagerClient client,
    AlertmanagerSink sink,
    AlertManager alerts,
    IOptions<AlertOptions> options,
    TimeProvider timeProvider,
    ILogger<AlertmanagerForwarder> logger) : BackgroundService
{
    private readonly AlertmanagerOptions _options = options.Value.Alertmanager;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => _options.Url is null
        ? Task.CompletedTask
        : Task.WhenAll(SendLoopAsync(stoppingToken), ResendLoopAsync(stoppingToken));

    private async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        var batch = new Dictionary<string, AlertmanagerAlert>(StringComparer.Ordinal);
        var attempt = 0;
        try
        {
            while (true)
            {
                if (batch.Count == 0 && !await queue.Reader.WaitToReadAsync(cancellationToken))
                {
                    return;
                }

                while (batch.Count < _options.QueueCapacity && queue.Reader.TryRead(out var next))
                {
                    batch[next.Fingerprint] = next;
                }

                try
                {
                    await client.PostAsync([.. batch.Values], cancellationToken);
                    HealthLog.AlertmanagerSent(logger, batch.Count, client.Endpoint);
                    batch.Clear();
                    attempt = 0;
                }
                catch (HttpRequestException ex) when (IsPermanent(ex.StatusCode))
                {
                    HealthLog.AlertmanagerRejected(logger, batch.Count, client.Endpoint, ex.Message);
                    batch.Clear();
                    attempt = 0;
                }
                catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    attempt++;
                    var delay = Backoff(attempt);
                    HealthLog.AlertmanagerSendFailed(logger, batch.Count, client.Endpoint, attempt, delay.TotalSeconds, ex.Message);
                    await Task.Delay(delay, timeProvider, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: firing alerts expire in Alertmanager at their endsAt.
        }
    }

    private async Task ResendLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.ResendInterval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var now = timeProvider.GetUtcNow();
                foreach (var alert in alerts.GetAlerts(state: AlertState.Firing))
                {
                    if (sink.Firing(alert, now) is { } notification)
                    {
                        queue.Enqueue(notification);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>RetryBaseDelay × 2^(attempt-1), capped at RetryMaxDelay.</summary>
    public TimeSpan Backoff(int attempt)
    {
        var seconds = _options.RetryBaseDelay.TotalSeconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        return TimeSpan.FromSeconds(Math.Min(seconds, _options.RetryMaxDelay.TotalSeconds));
    }

    private static bool IsPermanent(HttpStatusCode? status) =>
        status is { } code && (int)code is >= 400 and < 500 && code != HttpStatusCode.TooManyRequests && code != HttpStatusCode.RequestTimeout;
}
