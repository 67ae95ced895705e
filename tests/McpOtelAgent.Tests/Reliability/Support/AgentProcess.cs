using System.Diagnostics;
using System.Globalization;
using System.Text;
using McpOtelAgent.Tests.Support;

namespace McpOtelAgent.Tests.Reliability.Support;

/// <summary>
/// The built agent as a process of its own (<c>dotnet mcp-otel-agent.dll run</c>), on a free loopback port, its
/// stdout and stderr kept for the assertions on logs; optionally behind a launcher such as <c>setpriv</c>, which execs
/// the agent in the same process. Killed in <see cref="Dispose"/>.
/// </summary>
internal sealed class AgentProcess : IDisposable
{
    public const string ApiKey = "reliability-key-0123456789";

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _dir;

    private AgentProcess(Process process, string dir, int port)
    {
        _process = process;
        _dir = dir;
        Port = port;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Port { get; }

    public int Pid => _process.Id;

    public HttpClient Http { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the agent wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The agent's resident set size now, from <c>/proc/&lt;pid&gt;/status</c> (VmRSS, kB).</summary>
    public long RssBytes
    {
        get
        {
            foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), NumberStyles.None, CultureInfo.InvariantCulture) * 1024;
                }
            }

            throw new InvalidOperationException($"no VmRSS for {Pid}");
        }
    }

    /// <summary>The folder of the built agent (this test project's output, which copies the agent's).</summary>
    public static string BuildDirectory => AppContext.BaseDirectory;

    /// <summary>Starts the agent and waits until <c>/metrics</c> answers.</summary>
    /// <param name="configJson">The config file's content; null for the embedded defaults alone.</param>
    /// <param name="environment">Extra environment variables (the inherited MCPOTEL_* and OTEL_* ones are removed).</param>
    /// <param name="extraArguments">More <c>run</c> arguments.</param>
    /// <param name="launcher">A command (and its arguments) to run <c>dotnet</c> under, e.g. setpriv.</param>
    /// <param name="agentDirectory">Where the agent's dll is; the build output by default.</param>
    /// <param name="executable">A native agent binary (Native AOT) to run instead of <c>dotnet</c> and the dll.</param>
    public static async Task<AgentProcess> StartAsync(
        string? configJson = null,
        IReadOnlyDictionary<string, string>? environment = null,
        IReadOnlyList<string>? extraArguments = null,
        IReadOnlyList<string>? launcher = null,
        string? agentDirectory = null,
        string? executable = null)
    {
        var dir = Directory.CreateTempSubdirectory("mcpotel-agentproc-").FullName;
        var port = FreePort.Next();
        var arguments = new List<string>();
        var program = executable ?? "dotnet";
        if (launcher is { Count: > 0 })
        {
            arguments.AddRange(launcher.Skip(1));
            arguments.Add(executable ?? DotnetPath());
            program = launcher[0];
        }

        if (executable is null)
        {
            arguments.Add(Path.Combine(agentDirectory ?? BuildDirectory, "mcp-otel-agent.dll"));
        }

        arguments.AddRange(["run", "--urls", $"http://127.0.0.1:{port}", "--monitoring-interval", "0.5"]);
        if (configJson is not null)
        {
            var config = Path.Combine(dir, "agent.json");
            await File.WriteAllTextAsync(config, configJson);
            // Readable by an agent started as another user (setpriv).
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(dir, (UnixFileMode)0b111_101_101);
                File.SetUnixFileMode(config, (UnixFileMode)0b110_100_100);
            }
            arguments.AddRange(["--config", config]);
        }

        arguments.AddRange(extraArguments ?? []);
        var info = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dir,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("MCPOTEL_", StringComparison.Ordinal)
                     || k.StartsWith("OTEL_", StringComparison.Ordinal) || k == "ASPNETCORE_URLS").ToArray())
        {
            info.Environment.Remove(name);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var agent = new AgentProcess(Process.Start(info) ?? throw new InvalidOperationException("cannot start the agent"), dir, port);
        try
        {
            await Poll.UntilAsync(async () =>
            {
                if (agent.HasExited)
                {
                    throw new InvalidOperationException($"the agent exited with {agent._process.ExitCode}: {agent.Output}");
                }

                return (await agent.Http.GetAsync("/metrics")).IsSuccessStatusCode;
            }, ok => ok, "the agent's /metrics");
        }
        catch
        {
            agent.Dispose();
            throw;
        }

        return agent;
    }

    /// <summary>Runs the agent to its end (a start that must fail), returning its exit code and everything it wrote.</summary>
    public static async Task<(int ExitCode, string Output)> RunToEndAsync(
        IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(BuildDirectory, "mcp-otel-agent.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("MCPOTEL_", StringComparison.Ordinal)
                     || k.StartsWith("OTEL_", StringComparison.Ordinal) || k == "ASPNETCORE_URLS").ToArray())
        {
            info.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the agent did not exit: {await output}{await errors}");
        }

        return (process.ExitCode, await output + await errors);
    }

    public Task<string> ScrapeAsync() => Http.GetStringAsync("/metrics");

    public HttpRequestMessage Request(HttpMethod method, string path, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ApiKey);
        return request;
    }

    public void Dispose()
    {
        Http.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
            // Already reaped.
        }

        _process.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private static string DotnetPath() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "/usr/bin/dotnet";

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
