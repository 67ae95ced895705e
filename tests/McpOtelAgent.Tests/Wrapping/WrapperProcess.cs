using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace McpOtelAgent.Tests.Wrapping;

/// <summary>
/// A process with raw stdin/stdout (bytes, no encoding) and captured stderr: the real <c>mcp-otel-agent wrap</c>, or the
/// same server started directly for comparison. Killed (whole tree) on dispose.
/// </summary>
internal sealed class WrapperProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();

    private WrapperProcess(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            startInfo.Environment[name] = value;
        }

        _process = Process.Start(startInfo)!;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_stderr)
                {
                    _stderr.AppendLine(e.Data);
                }
            }
        };
        _process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    public Stream Input => _process.StandardInput.BaseStream;

    public Stream Output => _process.StandardOutput.BaseStream;

    public string StandardError
    {
        get { lock (_stderr) { return _stderr.ToString(); } }
    }

    /// <summary><c>mcp-otel-agent wrap [wrapArguments] -- command…</c>.</summary>
    public static WrapperProcess Wrap(
        IEnumerable<string> wrapArguments,
        IEnumerable<string> command,
        IReadOnlyDictionary<string, string?>? environment = null) =>
        new("dotnet", [WrapFixtures.AgentAssembly, "wrap", .. wrapArguments, "--", .. command], environment);

    public static WrapperProcess Direct(string fileName, params string[] arguments) => new(fileName, arguments, null);

    public void CloseInput() => _process.StandardInput.Close();

    public async Task<byte[]> ReadToEndAsync()
    {
        using var buffer = new MemoryStream();
        await Output.CopyToAsync(buffer).WaitAsync(TimeSpan.FromSeconds(30));
        return buffer.ToArray();
    }

    public async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return _process.ExitCode;
    }

    public void Signal(int signal) => Assert.Equal(0, Kill(_process.Id, signal));

    public void Dispose()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        _process.Dispose();
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
