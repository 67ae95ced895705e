using System.Globalization;
using McpOtelAgent.Targets;
using Microsoft.Extensions.Options;

namespace McpOtelAgent.Configuration;

/// <summary>Checks the whole <c>Agent</c> section and reports every problem at once, each naming the key to fix.</summary>
internal sealed class AgentOptionsValidator : IValidateOptions<AgentOptions>
{
    private const string Prefix = AgentOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, AgentOptions options)
    {
        var errors = new List<string>();
        CheckRange(errors, nameof(AgentOptions.MonitoringIntervalSeconds), options.MonitoringIntervalSeconds, 0.1, 3600);
        CheckRange(errors, nameof(AgentOptions.DetailsIntervalSeconds), options.DetailsIntervalSeconds, 0, 86400);
        CheckRange(errors, nameof(AgentOptions.HealthCheckIntervalSeconds), options.HealthCheckIntervalSeconds, 0.1, 86400);
        CheckRange(errors, nameof(AgentOptions.TrendWindowSize), options.TrendWindowSize, 2, 100_000);
        CheckRange(errors, nameof(AgentOptions.MaxTargets), options.MaxTargets, 1, 100_000);
        CheckUrls(errors, options);
        CheckOtlp(errors, options.Otlp);

        var self = options.SelfMonitoring;
        if (self.Enabled && !ServerId.IsValid(self.ServerId))
        {
            errors.Add($"{Prefix}SelfMonitoring:ServerId '{self.ServerId}' is not a valid server_id ({ServerId.Rule})");
        }

        foreach (var (id, target) in options.Servers)
        {
            var key = $"{Prefix}Servers:{id}";
            if (!ServerId.IsValid(id))
            {
                errors.Add($"{key} is not a valid server_id ({ServerId.Rule})");
            }
            else if (self.Enabled && string.Equals(id, self.ServerId, StringComparison.Ordinal))
            {
                errors.Add($"{key} uses the id of the agent itself (Agent:SelfMonitoring:ServerId)");
            }

            if (target is null)
            {
                errors.Add($"{key} needs one of Pid, PidFile or Match");
                continue;
            }

            errors.AddRange(TargetSpec.Validate(target).Select(e => $"{key}:{e.Property} {e.Message}"));
        }

        var targets = options.Servers.Count + (self.Enabled ? 1 : 0);
        if (targets > options.MaxTargets)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture,
                $"{Prefix}MaxTargets is {options.MaxTargets} but {targets} targets are configured"));
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckRange(List<string> errors, string key, double value, double min, double max)
    {
        if (!(value >= min && value <= max))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{Prefix}{key} is {value} but must be between {min} and {max}"));
        }
    }

    private static void CheckUrls(List<string> errors, AgentOptions options)
    {
        var urls = BindAddresses.Split(options.Urls);
        if (urls.Length == 0)
        {
            errors.Add($"{Prefix}Urls is empty; the default is {AgentOptions.DefaultUrls}");
        }

        var apiPorts = new HashSet<int>();
        foreach (var url in urls)
        {
            if (!BindAddresses.TryParse(url, out var isLoopback, out var port))
            {
                errors.Add($"{Prefix}Urls has '{url}', which is not an http:// or https:// URL with a port");
                continue;
            }

            apiPorts.Add(port);
            if (!isLoopback && !options.AllowNonLoopback && string.IsNullOrEmpty(options.ApiKey))
            {
                errors.Add($"{Prefix}Urls has '{url}', which is not loopback, and no API key is set: it would expose the API " +
                    $"and the metrics to the network; set {Prefix}ApiKey (MCPOTEL_API_KEY), or {Prefix}AllowNonLoopback " +
                    "to true if that is meant");
            }
        }

        foreach (var url in BindAddresses.Split(options.MetricsUrls))
        {
            // The request's local port tells the metrics-only listener from the API's, so it needs one of its own.
            if (!BindAddresses.TryParse(url, out _, out var port) || port == 0)
            {
                errors.Add($"{Prefix}MetricsUrls has '{url}', which is not an http:// or https:// URL with an explicit port");
            }
            else if (apiPorts.Contains(port))
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{Prefix}MetricsUrls has '{url}', whose port {port} is also one of {Prefix}Urls; give it a port of its own"));
            }
        }
    }

    private static void CheckOtlp(List<string> errors, OtlpOptions otlp)
    {
        if (otlp.Endpoint is not null && (!Uri.TryCreate(otlp.Endpoint, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add($"{Prefix}Otlp:Endpoint '{otlp.Endpoint}' is not an http:// or https:// URL");
        }

        if (otlp.Protocol is not null and not OtlpOptions.Grpc and not OtlpOptions.HttpProtobuf)
        {
            errors.Add($"{Prefix}Otlp:Protocol '{otlp.Protocol}' must be '{OtlpOptions.Grpc}' or '{OtlpOptions.HttpProtobuf}'");
        }
    }
}
