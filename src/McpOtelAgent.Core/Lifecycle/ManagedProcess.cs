using System.Diagnostics;
using System.Text;

namespace McpOtelAgent.Lifecycle;

/// <summary>
/// One launch of a managed stdio server. It runs in a session and process group of its own (started through
/// <c>setsid</c>, which execs the command in place: a child of .NET is never a group leader, so <c>setsid</c> does not
/// fork and the pid we hold is the server's), so stopping can signal the whole tree an <c>npx</c> or shell launch
/// makes. stdin stays open for the life of the process (stdio servers exit on EOF) and carries nothing but MCP;
/// stdout is the MCP client's alone; stderr lines go to a callback. .NET reaps the direct child; the group's
/// other members are re-parented to init, which reaps them.
/// </summary>
internal sealed class ManagedProcess : IAsyncDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    private readonly Process _process;
    private readonly TimeProvider _time;
    private readonly Task _stderrPump;
    private int _stdinClosed;

    private ManagedProcess(Process process, TimeProvider time, Action<string> onStderrLine)
    {
        _process = process;
        _time = time;
        Pid = process.Id;
        StartedAt = time.GetUtcNow();
        Exited = WaitForExitAsync();
        _stderrPump = Task.Run(() => PumpStderrAsync(onStderrLine));
    }

    public int Pid { get; }

    /// <summary>The process group (and session) id, which is the pid: the process is its group's leader.</summary>
    public int ProcessGroupId => Pid;

    public DateTimeOffset StartedAt { get; }

    /// <summary>The server's stdin. Only the MCP client writes here.</summary>
    public Stream Input => _process.StandardInput.BaseStream;

    /// <summary>The server's stdout. Only the MCP client reads here (or a drain when probing is off).</summary>
    public Stream Output => _process.StandardOutput.BaseStream;

    /// <summary>Completes when the process has exited and been reaped.</summary>
    public Task<ProcessExit> Exited { get; }

    /// <exception cref="System.ComponentModel.Win32Exception">The process could not be created.</exception>
    public static ManagedProcess Start(LaunchSpec spec, string setsidPath, TimeProvider time, Action<string> onStderrLine)
    {
        var info = new ProcessStartInfo(setsidPath)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = Utf8NoBom,
            StandardOutputEncoding = Utf8NoBom,
            StandardErrorEncoding = Utf8NoBom,
            WorkingDirectory = spec.WorkingDirectory ?? string.Empty,
        };
        info.ArgumentList.Add(spec.Executable);
        foreach (var arg in spec.Args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment.Clear();
        foreach (var (name, value) in spec.Environment)
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Process.Start returned no process");
        return new ManagedProcess(process, time, onStderrLine);
    }

    /// <summary>
    /// The MCP stdio shutdown: close stdin and wait, SIGTERM the group and wait, SIGKILL the group. Also run when the
    /// leader has already exited, so that what it left behind in its group goes too.
    /// </summary>
    public async Task<ProcessExit> StopAsync(StopPolicy policy, Action<int> onEscalate)
    {
        CloseInput();
        if (!await WaitUntilGoneAsync(policy.StdinGrace))
        {
            onEscalate(PosixSignals.SigTerm);
            SignalAll(PosixSignals.SigTerm);
            if (!await WaitUntilGoneAsync(policy.TermGrace))
            {
                onEscalate(PosixSignals.SigKill);
                SignalAll(PosixSignals.SigKill);
            }
        }

        return await Exited;
    }

    public async ValueTask DisposeAsync()
    {
        if (!Exited.IsCompleted || PosixSignals.GroupExists(ProcessGroupId))
        {
            SignalAll(PosixSignals.SigKill);
        }

        await Exited;
        await _stderrPump;
        _process.Dispose();
    }

    /// <summary>
    /// Signals the group, and the leader itself while it lives: right after the launch, <c>setsid</c> may not have
    /// made the group yet.
    /// </summary>
    private void SignalAll(int signal)
    {
        PosixSignals.SignalGroup(ProcessGroupId, signal);
        if (!Exited.IsCompleted)
        {
            PosixSignals.SignalProcess(Pid, signal);
        }
    }

    private void CloseInput()
    {
        if (Interlocked.Exchange(ref _stdinClosed, 1) == 0)
        {
            try
            {
                _process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The reader is gone already (the process exited): the pipe is closed either way.
            }
        }
    }

    /// <summary>
    /// Waits until the leader has exited and no member of its group is left, or the time is up. The graces are
    /// wall-clock time a real process gets to react, so they run on the system clock even when the restart schedule
    /// runs on a test's fake one.
    /// </summary>
    private async Task<bool> WaitUntilGoneAsync(TimeSpan timeout)
    {
        var clock = TimeProvider.System;
        var start = clock.GetTimestamp();
        while (true)
        {
            if (Exited.IsCompleted && !PosixSignals.GroupExists(ProcessGroupId))
            {
                return true;
            }

            var left = timeout - clock.GetElapsedTime(start);
            if (left <= TimeSpan.Zero)
            {
                return false;
            }

            var wait = Exited.IsCompleted ? Task.Delay(PollInterval, clock) : Task.WhenAny(Exited, Task.Delay(left, clock));
            await wait;
        }
    }

    private async Task<ProcessExit> WaitForExitAsync()
    {
        await _process.WaitForExitAsync();
        return ProcessExit.FromExitCode(_process.ExitCode, _time.GetUtcNow());
    }

    private async Task PumpStderrAsync(Action<string> onLine)
    {
        try
        {
            while (await _process.StandardError.ReadLineAsync() is { } line)
            {
                onLine(line);
            }
        }
        catch (IOException)
        {
            // The pipe broke with the process; nothing more to read.
        }
        catch (ObjectDisposedException)
        {
            // Disposed while reading.
        }
    }
}
