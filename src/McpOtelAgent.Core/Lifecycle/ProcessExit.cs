namespace McpOtelAgent.Lifecycle;

/// <summary>How a managed process ended: an exit code, or the signal that killed it.</summary>
internal readonly record struct ProcessExit(int? ExitCode, int? Signal, DateTimeOffset At)
{
    public bool IsSuccess => ExitCode == 0;

    /// <summary>
    /// .NET reports a process killed by signal N as exit code 128 + N (as shells do), so 128 + N is read as the signal.
    /// A process that itself calls <c>exit(137)</c> is indistinguishable and shows as SIGKILL too.
    /// </summary>
    public static ProcessExit FromExitCode(int exitCode, DateTimeOffset at) =>
        exitCode is > 128 and <= 128 + 64 ? new(null, exitCode - 128, at) : new(exitCode, null, at);

    public override string ToString() => Signal is { } s ? $"signal {s}" : $"exit code {ExitCode}";
}
