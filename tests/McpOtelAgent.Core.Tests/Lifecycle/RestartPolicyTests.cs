using McpOtelAgent.Lifecycle;

namespace McpOtelAgent.Core.Tests.Lifecycle;

public sealed class RestartPolicyTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(6, 32)]
    [InlineData(7, 60)]
    [InlineData(5000, 60)]
    public void DelayFor_ConsecutiveFailures_GrowsExponentiallyUpToTheCap(int failures, double expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), RestartPolicy.Default.DelayFor(failures));
    }

    [Theory]
    [InlineData("Always", 0, true)]
    [InlineData("Always", 1, true)]
    [InlineData("OnFailure", 0, false)]
    [InlineData("OnFailure", 2, true)]
    [InlineData("OnFailure", 137, true)]
    [InlineData("Never", 1, false)]
    public void ShouldRestart_ByModeAndExit_FollowsThePolicy(string mode, int exitCode, bool expected)
    {
        var policy = RestartPolicy.Default with { Mode = Enum.Parse<RestartMode>(mode) };

        Assert.Equal(expected, policy.ShouldRestart(ProcessExit.FromExitCode(exitCode, At)));
    }

    [Fact]
    public void FromExitCode_128PlusSignal_ReadsAsTheSignal()
    {
        var exit = ProcessExit.FromExitCode(128 + 9, At);

        Assert.Null(exit.ExitCode);
        Assert.Equal(9, exit.Signal);
        Assert.Equal("signal 9", exit.ToString());
    }
}
