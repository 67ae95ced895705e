using System.Diagnostics;

namespace McpOtelAgent.Tests.Health;

/// <summary>A real child process for the agent to watch (a CPU burner, an fd holder); killed by PID on dispose.</summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;

    private ChildProcess(Process process) => _process = process;

    public int Pid => _process.Id;

    /// <summary>Runs a Python snippet with Debian's python3 (the one with psutil, though these need only the stdlib).</summary>
    public static ChildProcess Python(string code)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { ArgumentList = { "-c", code }, RedirectStandardInput = true };
        return new ChildProcess(Process.Start(start) ?? throw new InvalidOperationException("python3 did not start"));
    }

    /// <summary>Spins one CPU flat out.</summary>
    public static ChildProcess CpuBurner() => Python("while True: pass");

    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
