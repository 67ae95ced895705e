using System.Globalization;
using McpOtelAgent.Targets;
using Microsoft.Extensions.Options;

namespace McpOtelAgent.Discovery;

/// <summary>Checks <c>Agent:Discovery</c> at start-up, reporting every problem at once with its full key.</summary>
internal sealed class DiscoveryOptionsValidator : IValidateOptions<DiscoveryOptions>
{
    public ValidateOptionsResult Validate(string? name, DiscoveryOptions options)
    {
        const string Section = DiscoveryOptions.SectionName;
        List<string> errors = [];
        if (!(double.IsFinite(options.IntervalSeconds) && options.IntervalSeconds > 0))
        {
            errors.Add($"{Section}:IntervalSeconds must be a positive number of seconds");
        }

        AddPatternErrors(options.Include, $"{Section}:Include", errors);
        AddPatternErrors(options.Exclude, $"{Section}:Exclude", errors);
        if (!options.IdTemplate.Contains("{pid}", StringComparison.Ordinal))
        {
            errors.Add($"{Section}:IdTemplate must contain {{pid}}, so two servers of one kind get different ids");
        }
        else if (!ServerId.IsValid(ServerIdTemplate.Apply(options.IdTemplate, "x", 1)))
        {
            errors.Add($"{Section}:IdTemplate must give ids of {ServerId.Rule}");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void AddPatternErrors(List<string> patterns, string key, List<string> errors)
    {
        for (var i = 0; i < patterns.Count; i++)
        {
            if (TargetSpec.TryCompile(patterns[i], out var error) is null)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{key}:{i} is not a valid regular expression: {error}"));
            }
        }
    }
}
