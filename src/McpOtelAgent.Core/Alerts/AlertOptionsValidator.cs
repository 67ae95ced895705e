using Microsoft.Extensions.Options;

namespace McpOtelAgent.Alerts;

/// <summary>Checks <c>Agent:Alerts</c> at start-up and reports every problem at once, each naming its full key.</summary>
internal sealed class AlertOptionsValidator : IValidateOptions<AlertOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertOptions options)
    {
        const string Section = AlertOptions.SectionName;
        const string Am = Section + ":Alertmanager";
        List<string> errors = [];
        if (options.HistorySize < 0)
        {
            errors.Add($"{Section}:HistorySize must not be negative");
        }

        var am = options.Alertmanager;
        if (am.Url is { } url && !(url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)))
        {
            errors.Add($"{Am}:Url must be an absolute http or https URL (for example http://127.0.0.1:9093)");
        }

        if (am.ResendInterval <= TimeSpan.Zero)
        {
            errors.Add($"{Am}:ResendInterval must be positive");
        }

        if (am.Timeout <= TimeSpan.Zero)
        {
            errors.Add($"{Am}:Timeout must be positive");
        }

        if (am.RetryBaseDelay <= TimeSpan.Zero)
        {
            errors.Add($"{Am}:RetryBaseDelay must be positive");
        }

        if (am.RetryMaxDelay < am.RetryBaseDelay)
        {
            errors.Add($"{Am}:RetryMaxDelay must not be below RetryBaseDelay");
        }

        if (am.QueueCapacity < 1)
        {
            errors.Add($"{Am}:QueueCapacity must be at least 1");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
