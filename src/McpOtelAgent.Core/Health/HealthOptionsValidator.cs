using Microsoft.Extensions.Options;

namespace McpOtelAgent.Health;

/// <summary>Checks <c>Agent:Health</c> at start-up and reports every problem at once, each naming its full key.</summary>
internal sealed class HealthOptionsValidator : IValidateOptions<HealthOptions>
{
    public ValidateOptionsResult Validate(string? name, HealthOptions options)
    {
        const string Section = HealthOptions.SectionName;
        List<string> errors = [];
        if (options.DefaultForSeconds is { } defaultFor && !(double.IsFinite(defaultFor) && defaultFor >= 0 && defaultFor <= ThresholdValidation.MaxSeconds))
        {
            errors.Add($"{Section}:DefaultForSeconds must be a number of seconds from 0 to 31536000 (a year)");
        }

        if (!(double.IsFinite(options.ForecastHorizonSeconds) && options.ForecastHorizonSeconds > 0 && options.ForecastHorizonSeconds <= ThresholdValidation.MaxSeconds))
        {
            errors.Add($"{Section}:ForecastHorizonSeconds must be a number of seconds above 0, at most 31536000 (a year)");
        }

        if (options.TrendMinSamples < 2)
        {
            errors.Add($"{Section}:TrendMinSamples must be at least 2");
        }

        if (!(double.IsFinite(options.MemoryLeakMinGrowthPercent) && options.MemoryLeakMinGrowthPercent > 0))
        {
            errors.Add($"{Section}:MemoryLeakMinGrowthPercent must be a finite number above 0");
        }

        if (!(double.IsFinite(options.CpuRiseMinPoints) && options.CpuRiseMinPoints > 0))
        {
            errors.Add($"{Section}:CpuRiseMinPoints must be a finite number above 0");
        }

        foreach (var (thresholdName, setting) in options.Thresholds)
        {
            CheckThreshold($"{Section}:Thresholds:{thresholdName}", thresholdName, setting, global: null, options, errors);
        }

        foreach (var (serverId, server) in options.Servers)
        {
            foreach (var (thresholdName, setting) in server.Thresholds)
            {
                options.Thresholds.TryGetValue(thresholdName, out var global);
                CheckThreshold($"{Section}:Servers:{serverId}:Thresholds:{thresholdName}", thresholdName, setting, global, options, errors);
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckThreshold(
        string key, string thresholdName, ThresholdOptions setting, ThresholdOptions? global, HealthOptions options, List<string> errors)
    {
        var definition = ThresholdDefinition.Find(thresholdName);
        if (definition is null)
        {
            errors.Add($"{key} is not a threshold (known: {string.Join(", ", ThresholdDefinition.All.Select(static d => d.Name))})");
            return;
        }

        var problems = ThresholdValidation.Check(setting).ToList();
        if (problems.Count == 0)
        {
            var effective = global is null
                ? ThresholdStore.Resolve(definition, setting, null, options.EffectiveDefaultFor)
                : ThresholdStore.Resolve(definition, global, setting, options.EffectiveDefaultFor);
            problems.AddRange(ThresholdValidation.CheckEffective(effective));
        }

        errors.AddRange(problems.Select(p => $"{key}:{p.Field} {p.Message}"));
    }
}
