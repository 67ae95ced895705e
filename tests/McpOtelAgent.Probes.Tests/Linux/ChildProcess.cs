using System.Diagnostics;

namespace McpOtelAgent.Probes.Tests.Linux;

/// <summary>A real child process started by a test and killed (with its descendants) in Dispose.</summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;

    private ChildProcess(Process process) => _process = process;

    public int Pid => _process.Id;

    public StreamReader Output => _process.StandardOutput;

    public StreamWriter Input => _process.StandardInput;

    public static ChildProcess Start(string fileName, params string[] arguments)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return new ChildProcess(Process.Start(info) ?? throw new InvalidOperationException($"cannot start {fileName}"));
    }

    /// <summary>Starts <c>/usr/bin/python3 -c script</c>; scripts print "ready" once set up.</summary>
    public static ChildProcess Python(string script, params string[] arguments) =>
        Start("/usr/bin/python3", ["-c", script, .. arguments]);

    /// <summary>Reads stdout lines until one starts with <paramref name="prefix"/> (the child says it is set up).</summary>
    public string WaitForLine(string prefix)
    {
        while (true)
        {
            var line = _process.StandardOutput.ReadLine() ?? throw new InvalidOperationException($"child {Pid} exited before printing {prefix}");
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line;
            }
        }
    }

    /// <summary>Waits until the child sleeps (state S): right after start it may still be running its exec.</summary>
    public ChildProcess WaitUntilSleeping()
    {
        WaitUntilSleeping(Pid, name: null);
        return this;
    }

    /// <summary>Waits until a process sleeps (state S), and has exec'd into <paramref name="name"/> when given.</summary>
    public static void WaitUntilSleeping(int pid, string? name)
    {
        var deadline = Environment.TickCount64 + 30_000;
        while (Environment.TickCount64 < deadline)
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var comm = stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')];
            if (stat[(stat.LastIndexOf(')') + 2)..].StartsWith('S') && (name is null || comm == name))
            {
                return;
            }

            Thread.Sleep(10);
        }

        throw new TimeoutException($"process {pid} never slept as {name}");
    }

    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }
}
