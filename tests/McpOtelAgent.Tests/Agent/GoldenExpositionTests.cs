using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using McpOtelAgent.Tests.Agent.Support;

namespace McpOtelAgent.Tests.Agent;

/// <summary>
/// The wire format of the agent's process metrics, compared whole against Golden/metrics.txt: names, types, units,
/// help texts, label sets and their order. Values, timestamps and per-run label values (pid, instance id) are
/// normalised; only the families of <see cref="AgentMetrics.PerServer"/> and target_info are compared, so other
/// areas' metrics do not churn this file.
/// </summary>
public sealed partial class GoldenExpositionTests
{
    [Fact]
    public async Task Metrics_OneIdleTarget_MatchesTheGoldenFile()
    {
        using var child = ChildProcess.Shell("exec sleep 600", "golden");
        await using var agent = await RunningAgent.StartAsync($$"""
            { "Agent": { "SelfMonitoring": { "Enabled": false }, "Servers": { "golden": { "Pid": {{child.Pid}} } } } }
            """);
        var text = await agent.ScrapeUntilAsync(t => Exposition.Has(t, "process_cpu_utilization", "golden"), "a second sample");

        var actual = Normalise(text, child.Pid);
        var golden = await File.ReadAllTextAsync(GoldenPath());

        CompareWhole(golden, actual);
    }

    internal static string Normalise(string exposition, int pid)
    {
        var families = new HashSet<string>(AgentMetrics.PerServer) { "target_info" };
        var output = new StringBuilder();
        foreach (var line in exposition.Split('\n'))
        {
            var name = line.StartsWith('#') ? line.Split(' ').ElementAtOrDefault(2) : SeriesName().Match(line).Value;
            if (string.IsNullOrEmpty(name) || !families.Contains(FamilyOf(name, families)))
            {
                continue;
            }

            var normalised = line;
            if (!line.StartsWith('#'))
            {
                // Drop the value and the timestamp, keep name and labels.
                normalised = ValueAndTimestamp().Replace(normalised, " <value>");
                normalised = normalised.Replace($"process_pid=\"{pid}\"", "process_pid=\"<pid>\"", StringComparison.Ordinal);
                normalised = PerRunLabel().Replace(normalised, m => $"{m.Groups[1].Value}=\"<{m.Groups[1].Value}>\"");
            }

            output.Append(normalised).Append('\n');
        }

        return output.ToString();
    }

    private static string FamilyOf(string name, HashSet<string> families)
    {
        if (families.Contains(name))
        {
            return name;
        }

        // OpenMetrics TYPE/HELP lines name counters without _total.
        return families.Contains(name + "_total") ? name + "_total" : name;
    }

    private static void CompareWhole(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var el = i < e.Length ? e[i] : "<end of golden file>";
            var al = i < a.Length ? a[i] : "<end of exposition>";
            if (el != al)
            {
                var actualPath = Path.Combine(Path.GetTempPath(), "mcpotel-metrics.actual.txt");
                File.WriteAllText(actualPath, actual);
                Assert.Fail($"line {i + 1} differs (whole exposition written to {actualPath}):\n  golden: {el}\n  actual: {al}");
            }
        }
    }

    private static string GoldenPath([CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "Golden", "metrics.txt");

    [GeneratedRegex(@"^[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex SeriesName();

    [GeneratedRegex(@"(?<=\}|^[a-zA-Z_:][a-zA-Z0-9_:]*) \S+( \d+)?$")]
    private static partial Regex ValueAndTimestamp();

    [GeneratedRegex(@"(service_instance_id|host_name|process_state|telemetry_sdk_version|service_version|otel_scope_version)=""[^""]*""")]
    private static partial Regex PerRunLabel();
}
