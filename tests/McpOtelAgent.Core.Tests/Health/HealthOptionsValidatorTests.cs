using McpOtelAgent.Health;

namespace McpOtelAgent.Core.Tests.Health;

public class HealthOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        Assert.True(new HealthOptionsValidator().Validate(null, new HealthOptions()).Succeeded);
    }

    [Fact]
    public void Validate_ManyBadKeys_EveryErrorAtOnceNamingItsFullKey()
    {
        var options = new HealthOptions
        {
            DefaultForSeconds = -1,
            ForecastHorizonSeconds = double.PositiveInfinity,
            TrendMinSamples = 1,
            Thresholds =
            {
                ["cpu_percnt"] = new ThresholdOptions { Warning = 1 },
                [ThresholdNames.MemoryMb] = new ThresholdOptions { Warning = 0 },
            },
            Servers =
            {
                ["fs"] = new ServerHealthOptions { Thresholds = { [ThresholdNames.CpuPercent] = new ThresholdOptions { Critical = 10 } } },
            },
        };

        var failures = new HealthOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Equal(6, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Agent:Health:DefaultForSeconds ", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Agent:Health:ForecastHorizonSeconds ", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Agent:Health:TrendMinSamples ", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Agent:Health:Thresholds:cpu_percnt is not a threshold", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Agent:Health:Thresholds:memory_mb:Warning ", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Agent:Health:Servers:fs:Thresholds:cpu_percent:Critical ", StringComparison.Ordinal));
    }
}
