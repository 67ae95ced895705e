using System.Diagnostics;
using System.Text;
using McpOtelAgent.Tests.Support;

namespace McpOtelAgent.Tests.Assets.Support;

/// <summary>
/// A real server the tests start (Prometheus, Alertmanager) on a loopback port, with its own temporary folder; ready
/// once <c>/-/ready</c> answers; killed with its folder in <see cref="Dispose"/>. Its output is kept for failure messages.
/// </summary>
internal sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private ServiceProcess(Process process, string directory, int port)
    {
        _process = process;
        Directory = directory;
        BaseUrl = new Uri($"http://127.0.0.1:{port}");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri BaseUrl { get; }

    public string Directory { get; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="fileName"/> with arguments made from its port and folder, and waits until it is ready.</summary>
    public static async Task<ServiceProcess> StartAsync(string fileName, string directory, Func<int, IEnumerable<string>> arguments)
    {
        var port = FreePort.Next();
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (var argument in arguments(port))
        {
            info.ArgumentList.Add(argument);
        }

        var service = new ServiceProcess(Process.Start(info) ?? throw new InvalidOperationException($"cannot start {fileName}"), directory, port);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var ready = await Poll.TrueAsync(async () =>
        {
            if (service._process.HasExited)
            {
                throw new InvalidOperationException($"{fileName} exited: {service.Log}");
            }

            try
            {
                return (await http.GetAsync(new Uri(service.BaseUrl, "/-/ready"))).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
            catch (TaskCanceledException)
            {
                return false;
            }
        });
        return ready ? service : throw new TimeoutException($"{fileName} not ready on {service.BaseUrl}: {service.Log}");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
