using System.Diagnostics;

namespace McpOtelAgent.Tests.Agent.Support;

/// <summary>A real child process the test owns; killed (with its tree) and reaped in Dispose.</summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;

    private ChildProcess(Process process) => _process = process;

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>A shell that idles until killed; <paramref name="marker"/> lands in its command line for match targets.</summary>
    public static ChildProcess Idle(string marker = "idle") => Shell("while :; do sleep 1; done", marker);

    /// <summary>A shell that spins one CPU until killed.</summary>
    public static ChildProcess CpuBurner(string marker = "burner") => Shell("while :; do :; done", marker);

    /// <summary>Runs <paramref name="script"/> with <c>/bin/sh -c</c>; <paramref name="name"/> becomes <c>$0</c>.</summary>
    public static ChildProcess Shell(string script, string name)
    {
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardInput = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(name);
        return Start(info);
    }

    public static ChildProcess Start(ProcessStartInfo info) =>
        new(Process.Start(info) ?? throw new InvalidOperationException($"could not start {info.FileName}"));

    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit(TimeSpan.FromSeconds(10));
    }

    public void Dispose()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }

        _process.Dispose();
    }
}
