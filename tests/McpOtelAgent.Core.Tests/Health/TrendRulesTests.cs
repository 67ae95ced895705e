using McpOtelAgent.Alerts;
using McpOtelAgent.Health;

namespace McpOtelAgent.Core.Tests.Health;

public class TrendRulesTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(5);

    [Fact]
    public void MemoryLeakRule_SteadyGrowthOverWindow_WarningWithGrowthPercent()
    {
        // 100 MB growing 1 MB per sample over 60 samples: ~45% of the mean (≈130 MB) over the window.
        var trends = Samples.Trend(60, Step, _ => 5, i => 100 + i);

        var issue = Assert.Single(new MemoryLeakRule().Evaluate(Samples.Context(Samples.Up(memoryMb: 159), trends)));

        Assert.Equal(AlertTypes.TrendDegradation, issue.AlertType);
        Assert.Equal(Severity.Warning, issue.Severity);
        Assert.Equal(59.0 / 129.5 * 100, issue.Value!.Value, 6);
        Assert.Equal(10, issue.Threshold);
    }

    [Fact]
    public void MemoryLeakRule_FlatWithOneBurstFreedAgain_NoIssue()
    {
        var trends = Samples.Trend(60, Step, _ => 5, i => i is >= 20 and < 25 ? 300 : 100 + (i % 2));

        Assert.Empty(new MemoryLeakRule().Evaluate(Samples.Context(Samples.Up(), trends)));
    }

    [Fact]
    public void MemoryLeakRule_TooFewSamples_NoIssue()
    {
        var trends = Samples.Trend(5, Step, _ => 5, i => 100 + (50 * i));

        Assert.Empty(new MemoryLeakRule().Evaluate(Samples.Context(Samples.Up(), trends)));
    }

    [Fact]
    public void CpuRisingRule_CpuClimbingOverWindow_InfoIssue()
    {
        var trends = Samples.Trend(20, Step, i => 10 + (2 * i), _ => 100);

        var issue = Assert.Single(new CpuRisingRule().Evaluate(Samples.Context(Samples.Up(), trends)));

        Assert.Equal(Severity.Info, issue.Severity);
        Assert.Equal(38, issue.Value!.Value, 6);
    }

    [Fact]
    public void CpuRisingRule_HighButFlatCpu_NoIssue()
    {
        var trends = Samples.Trend(20, Step, i => 90 + (i % 3), _ => 100);

        Assert.Empty(new CpuRisingRule().Evaluate(Samples.Context(Samples.Up(), trends)));
    }

    [Fact]
    public void Forecast_MemoryGrowingTowardWarning_TimeToThresholdFromLatestAtSlope()
    {
        // 2 MB per 5 s sample = 0.4 MB/s; latest 924 MB, 100 MB to go: 250 s.
        var trends = Samples.Trend(30, Step, _ => 5, i => 866 + (2 * i));
        var context = Samples.Context(Samples.Up(memoryMb: 924), trends);

        var forecast = Assert.Single(context.Forecasts);
        var issue = Assert.Single(new ForecastRule().Evaluate(context));

        Assert.Equal(ThresholdNames.MemoryMb, forecast.Threshold);
        Assert.Equal(250, forecast.TimeToThreshold.TotalSeconds, 3);
        Assert.Equal("memory_mb_forecast", issue.Rule);
        Assert.Equal(Severity.Warning, issue.Severity);
        Assert.Equal(3600, issue.Threshold);
    }

    [Fact]
    public void Forecast_FileDescriptorsCrossingBeyondHorizon_ForecastWithoutIssue()
    {
        // One fd per 5 s sample, 500 to go: 2500 s, beyond a 30 min horizon.
        var trends = Samples.Trend(30, Step, _ => 5, _ => 100, i => 471 + i);
        var options = Samples.Options(o => o.ForecastHorizonSeconds = 1800);
        var context = Samples.Context(Samples.Up(fds: 500), trends, options);

        var forecast = Assert.Single(context.Forecasts);

        Assert.Equal(ThresholdNames.FileDescriptors, forecast.Threshold);
        Assert.Equal(2500, forecast.TimeToThreshold.TotalSeconds, 3);
        Assert.Empty(new ForecastRule().Evaluate(context));
    }

    [Fact]
    public void Forecast_ShrinkingOrAlreadyOver_NoForecast()
    {
        var shrinking = Samples.Trend(30, Step, _ => 5, i => 900 - i);
        var overWarning = Samples.Trend(30, Step, _ => 5, i => 1100 + i);

        Assert.Empty(Samples.Context(Samples.Up(memoryMb: 871), shrinking).Forecasts);
        Assert.Empty(Samples.Context(Samples.Up(memoryMb: 1129), overWarning).Forecasts);
    }
}
