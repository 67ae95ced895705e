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

        CheckSeconds(errors, $"{Am}:ResendIntervalSeconds", am.ResendIntervalSeconds);
        CheckSeconds(errors, $"{Am}:TimeoutSeconds", am.TimeoutSeconds);
        CheckSeconds(errors, $"{Am}:RetryBaseDelaySeconds", am.RetryBaseDelaySeconds);
        if (CheckSeconds(errors, $"{Am}:RetryMaxDelaySeconds", am.RetryMaxDelaySeconds) && am.RetryMaxDelaySeconds < am.RetryBaseDelaySeconds)
        {
            errors.Add($"{Am}:RetryMaxDelaySeconds must not be below RetryBaseDelaySeconds");
        }

        if (am.QueueCapacity < 1)
        {
            errors.Add($"{Am}:QueueCapacity must be at least 1");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Seconds above 0 and at most a day; false (with the error added) otherwise.</summary>
    private static bool CheckSeconds(List<string> errors, string key, double seconds)
    {
        if (double.IsFinite(seconds) && seconds > 0 && seconds <= 86_400)
        {
            return true;
        }

        errors.Add($"{key} must be a number of seconds above 0, at most 86400 (a day)");
        return false;
    }
}
