using McpOtelAgent.Lifecycle;
using McpOtelAgent.Redaction;

namespace McpOtelAgent.Api;

/// <summary>
/// A managed server's lifecycle: state, current pid, automatic restarts, how it last exited (code or signal), why it
/// failed to start, when a pending restart is due, and the command it runs (secrets redacted).
/// </summary>
internal sealed record ManagedServerResponse(
    string State,
    int? Pid,
    DateTimeOffset? StartedAt,
    int Restarts,
    int? LastExitCode,
    int? LastExitSignal,
    DateTimeOffset? LastExitAt,
    string? LastError,
    DateTimeOffset? NextRestartAt,
    bool AutoStart,
    string Command,
    IReadOnlyDictionary<string, string> Environment)
{
    public static ManagedServerResponse From(ManagedServer server)
    {
        var status = server.Status;
        var definition = server.Definition;
        return new ManagedServerResponse(
            LifecycleStateNames.Of(status.State),
            status.Pid,
            status.StartedAt,
            status.Restarts,
            status.LastExit?.ExitCode,
            status.LastExit?.Signal,
            status.LastExit?.At,
            status.LastError is { } error ? SecretRedactor.RedactText(error) : null,
            status.NextRestartAt,
            definition.AutoStart,
            SecretRedactor.RedactCommandLine([definition.Command ?? string.Empty, .. definition.Args]),
            SecretRedactor.RedactEnvironment(definition.Env));
    }
}
