using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using McpOtelAgent.Tests.Agent.Support;
using McpOtelAgent.Tests.Assets.Support;
using McpOtelAgent.Tests.Reliability.Support;
using McpOtelAgent.Tests.Support;
using Xunit.Abstractions;

namespace McpOtelAgent.Tests.Shipping;

/// <summary>
/// The container's build without Docker (no engine runs here): the files the build stage COPYs (less what
/// .dockerignore leaves out) into a folder of their own, then the very <c>dotnet publish</c> line of the Dockerfile,
/// which must publish the Native AOT binary without a warning; the binary then runs as the image's user (uid 1654,
/// <c>USER $APP_UID</c>) on the embedded configuration and serves its own process's metrics. Slow (minutes of ILC),
/// so test.sh runs this category after the rest rather than beside it.
/// </summary>
[Trait(Category, Name)]
[SupportedOSPlatform("linux")]
public sealed partial class NativeAotTests(ITestOutputHelper output) : IDisposable
{
    public const string Category = "Category";
    public const string Name = "NativeAot";

    /// <summary>The uid every .NET container image gives <c>APP_UID</c>.</summary>
    private const string ImageUid = "1654";

    private readonly string _dir = Directory.CreateTempSubdirectory("mcpotel-aot-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task DockerfilePublish_NativeAot_PublishesWithoutWarningsAndServesAsTheImageUser()
    {
        var dockerfile = (await File.ReadAllTextAsync(RepoPaths.Of("Dockerfile"))).Replace("\\\n", " ", StringComparison.Ordinal);
        Assert.Matches(@"(?m)^USER \$APP_UID\s*$", dockerfile);
        var source = Directory.CreateDirectory(Path.Combine(_dir, "source")).FullName;
        var app = Path.Combine(_dir, "app");
        CopyBuildContext(dockerfile, await File.ReadAllLinesAsync(RepoPaths.Of(".dockerignore")), source);

        var publish = PublishArguments(dockerfile, app);
        var run = await ToolRun.RunAsync("dotnet", publish, source, DotnetCli.QuietEnvironment, TimeSpan.FromMinutes(25));
        output.WriteLine($"$ dotnet {string.Join(' ', publish)}\n{run.Output}");

        Assert.True(run.ExitCode == 0, $"dotnet publish exited with {run.ExitCode}");
        Assert.DoesNotMatch(WarningLine(), run.Output);
        var binary = Path.Combine(app, "mcp-otel-agent");
        Assert.True(File.Exists(binary), $"no {binary} after: dotnet {string.Join(' ', publish)}");
        output.WriteLine($"binary: {new FileInfo(binary).Length / (1024.0 * 1024.0):F1} MiB");

        // Readable and runnable by the image's user, as COPY --from=build leaves it.
        File.SetUnixFileMode(_dir, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(app, (UnixFileMode)0b111_101_101);
        using var agent = await AgentProcess.StartAsync(
            environment: new Dictionary<string, string> { ["HOME"] = "/tmp" },
            launcher: ["setpriv", $"--reuid={ImageUid}", $"--regid={ImageUid}", "--clear-groups"],
            executable: binary);
        var uid = (await File.ReadAllLinesAsync($"/proc/{agent.Pid}/status")).Single(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t')[1];
        Assert.Equal(ImageUid, uid);

        var text = await Poll.UntilAsync(agent.ScrapeAsync,
            t => Exposition.Value(t, "mcp_server_up", ("server_id", "mcp-otel-agent")) == 1, "the agent's own process up");
        output.WriteLine($"RSS after the first samples: {agent.RssBytes / (1024.0 * 1024.0):F1} MiB");
        Assert.True(Exposition.Value(text, "process_memory_usage_bytes", ("server_id", "mcp-otel-agent")) > 0);

        // The runtime's series, less those a build without a JIT holds constant.
        Assert.Contains("\ndotnet_gc_collections_total{", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\ndotnet_jit_", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\ndotnet_assembly_count", text, StringComparison.Ordinal);
    }

    /// <summary>
    /// Copies what the build stage's <c>COPY</c> lines (not <c>--from</c>) take from the repository into
    /// <paramref name="workdir"/>, leaving out the folders .dockerignore excludes everywhere (<c>**/bin/</c>).
    /// </summary>
    private static void CopyBuildContext(string dockerfile, string[] dockerignore, string workdir)
    {
        var excluded = dockerignore
            .Select(static line => IgnoredEverywhere().Match(line.Trim()))
            .Where(static m => m.Success)
            .Select(static m => m.Groups[1].Value)
            .ToHashSet(StringComparer.Ordinal);
        var copies = CopyLine().Matches(dockerfile);
        Assert.NotEmpty(copies);
        foreach (Match copy in copies)
        {
            var words = copy.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var destination = Path.GetFullPath(Path.Combine(workdir, words[^1]));
            foreach (var item in words[..^1])
            {
                var from = RepoPaths.Of(item.TrimEnd('/'));
                if (Directory.Exists(from))
                {
                    // As Docker does: a folder's contents, not the folder itself.
                    CopyDirectory(from, destination, excluded);
                }
                else
                {
                    Assert.True(File.Exists(from), $"the Dockerfile copies {item}, which the repository does not have");
                    Directory.CreateDirectory(destination);
                    File.Copy(from, Path.Combine(destination, Path.GetFileName(from)));
                }
            }
        }
    }

    private static void CopyDirectory(string from, string to, HashSet<string> excluded)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.EnumerateDirectories(from).Where(d => !excluded.Contains(Path.GetFileName(d))))
        {
            CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)), excluded);
        }
    }

    /// <summary>
    /// The arguments of the build stage's <c>dotnet publish</c> (up to the first <c>&amp;&amp;</c>), with its output
    /// folder moved from <c>/app</c> to <paramref name="outputDirectory"/>.
    /// </summary>
    private static string[] PublishArguments(string dockerfile, string outputDirectory)
    {
        var run = PublishRun().Match(dockerfile);
        Assert.True(run.Success, "the Dockerfile has no RUN dotnet publish");
        var arguments = run.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var output = Array.IndexOf(arguments, "-o");
        Assert.True(output > 0 && output + 1 < arguments.Length, "the Dockerfile's publish names no -o folder");
        arguments[output + 1] = outputDirectory;
        return ["publish", .. arguments, "-nologo"];
    }

    [GeneratedRegex(@"(?m)^RUN dotnet publish (.*?)(?:&&|$)")]
    private static partial Regex PublishRun();

    /// <summary>A <c>COPY</c> of the build context (one with <c>--from</c> copies between stages).</summary>
    [GeneratedRegex(@"(?m)^COPY (?!--)(.*)$")]
    private static partial Regex CopyLine();

    /// <summary>A .dockerignore line that excludes a folder name at any depth: <c>**/bin/</c>.</summary>
    [GeneratedRegex(@"^\*\*/([^/*]+)/$")]
    private static partial Regex IgnoredEverywhere();

    /// <summary>An MSBuild or ILC warning line (<c>file(1,2): warning IL3050: ...</c>, <c>warning NU1603: ...</c>).</summary>
    [GeneratedRegex(@"(?im)\bwarning [A-Z]+[0-9]+\b")]
    private static partial Regex WarningLine();
}
