using System.Diagnostics;
using McpOtelAgent.Lifecycle;
using McpOtelAgent.Tests.Lifecycle.Support;
using McpOtelAgent.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace McpOtelAgent.Tests.Lifecycle;

/// <summary>
/// The restart schedule with real processes and fake time: backoff delays, their reset after the minimum uptime,
/// and the crash-loop window are decided by the <see cref="TimeProvider"/>, so nothing here sleeps for them.
/// </summary>
public sealed class RestartScheduleTests : IAsyncLifetime
{
    private static readonly RestartPolicy Policy = RestartPolicy.Default with
    {
        BaseDelay = TimeSpan.FromSeconds(1),
        Factor = 2,
        MaxDelay = TimeSpan.FromSeconds(3),
        MinUptime = TimeSpan.FromSeconds(10),
        MaxRestarts = 10,
        Window = TimeSpan.FromMinutes(5),
    };

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private ManagedServer? _server;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Exit_RepeatedFailures_DelaysGrowCappedAndResetAfterMinUptime()
    {
        _server = ServerFactory.Manage(ServerFactory.Stdio("sleeper", "sleep", ["600"], restart: Policy), _time);
        await _server.StartAsync();

        Assert.Equal(TimeSpan.FromSeconds(1), await KillAndReadDelayAsync(restartsBefore: 0));
        Assert.Equal(TimeSpan.FromSeconds(2), await KillAndReadDelayAsync(restartsBefore: 1));
        Assert.Equal(TimeSpan.FromSeconds(3), await KillAndReadDelayAsync(restartsBefore: 2));
        Assert.Equal(TimeSpan.FromSeconds(3), await KillAndReadDelayAsync(restartsBefore: 3));

        _time.Advance(Policy.MinUptime);
        Assert.Equal(TimeSpan.FromSeconds(1), await KillAndReadDelayAsync(restartsBefore: 4));
    }

    [Fact]
    public async Task Exit_RestartsOutsideTheWindow_DoNotCountTowardsCrashLoop()
    {
        var policy = Policy with { MaxRestarts = 1, Window = TimeSpan.FromSeconds(15) };
        _server = ServerFactory.Manage(ServerFactory.Stdio("windowed", "sleep", ["600"], restart: policy), _time);
        await _server.StartAsync();

        await KillAndReadDelayAsync(restartsBefore: 0);
        _time.Advance(TimeSpan.FromSeconds(16));
        await KillAndReadDelayAsync(restartsBefore: 1);
        KillCurrent();

        Assert.True(await Poll.TrueAsync(() => _server.State == ServerLifecycleState.CrashLoop), $"state {_server.Status}");
        Assert.Equal(2, _server.Status.Restarts);
    }

    /// <summary>Kills the running process, reads the backoff delay it got, then lets fake time run it out.</summary>
    private async Task<TimeSpan> KillAndReadDelayAsync(int restartsBefore)
    {
        Assert.True(await Poll.TrueAsync(() => _server!.Status is { State: ServerLifecycleState.Running } s && s.Restarts == restartsBefore));
        var exitAt = _time.GetUtcNow();
        KillCurrent();
        Assert.True(await Poll.TrueAsync(() => _server!.State == ServerLifecycleState.Backoff), $"state {_server!.Status}");
        var delay = _server.Status.NextRestartAt!.Value - exitAt;

        _time.Advance(delay - TimeSpan.FromMilliseconds(1));
        Assert.Equal(ServerLifecycleState.Backoff, _server.State);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(await Poll.TrueAsync(() => _server.Status is { State: ServerLifecycleState.Running } s && s.Restarts == restartsBefore + 1));
        return delay;
    }

    private void KillCurrent()
    {
        using var process = Process.GetProcessById(_server!.Status.Pid!.Value);
        process.Kill();
    }
}
