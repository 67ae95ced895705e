using System.Globalization;
using McpOtelAgent.Probes;
using McpOtelAgent.Redaction;
using McpOtelAgent.Targets;

namespace McpOtelAgent.Lifecycle;

/// <summary>
/// The target side of a managed server: its root is whatever process the supervisor runs now, so the series stay
/// under one <c>server_id</c> across restarts (new pid, same series). A server stopped on purpose has no process by
/// intent (<see cref="TargetResolution.Stopped"/>); one between processes otherwise is down, with its lifecycle state
/// as the reason.
/// </summary>
internal sealed class ManagedRootSource(ManagedServer server) : ITargetRootSource
{
    public string Description { get; } =
        "managed: " + SecretRedactor.RedactCommandLine([server.Definition.Command ?? string.Empty, .. server.Definition.Args]);

    public TargetResolution Resolve(ProcessSweep sweep)
    {
        var status = server.Status;
        if (status.Pid is { } pid && sweep.TryGetKey(pid, out _))
        {
            return TargetResolution.Found(pid);
        }

        if (LifecycleStateNames.StoppedOnPurpose.Contains(status.State))
        {
            return TargetResolution.Stopped(LifecycleStateNames.Of(status.State));
        }

        return TargetResolution.Down(status.State switch
        {
            ServerLifecycleState.Backoff when status.NextRestartAt is { } at =>
                string.Create(CultureInfo.InvariantCulture, $"backoff: restart {status.Restarts + 1} due at {at:O}"),
            ServerLifecycleState.CrashLoop => $"crash-loop: restarted {status.Restarts} times; start it again by hand",
            ServerLifecycleState.FailedToStart => $"failed to start: {status.LastError}",
            ServerLifecycleState.Exited => $"exited with {status.LastExit}; its restart policy does not restart it, start it again by hand",
            var state => LifecycleStateNames.Of(state),
        });
    }
}
