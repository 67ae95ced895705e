using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using McpOtelAgent.Probes;
using McpOtelAgent.Probes.Linux;

namespace McpOtelAgent.Benchmarks;

/// <summary>
/// Starts N real idle processes (sleepers), then times, in the same run: our full extended sample of all of them
/// (one sweep plus one extended read each, steady state with files kept open, and the cold first sample), and
/// psutil's <c>oneshot()</c> over the same fields with and without <c>children()</c> (bench/psutil_sweep.py).
/// </summary>
internal static class SweepRunner
{
    public static int Run(string[] args)
    {
        var sizes = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [10, 100, 1000];
        var script = FindScript();
        Console.WriteLine($"machine: {Environment.ProcessorCount} CPUs, {Environment.OSVersion}, .NET {Environment.Version}");
        Console.WriteLine("| N | ours cold µs/proc | ours µs/proc | psutil µs/proc | ratio | psutil+children() µs/proc | ratio |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var n in sizes)
        {
            var sleepers = StartSleepers(n);
            try
            {
                var (cold, warm) = TimeOurs(sleepers);
                var (plain, children) = TimePsutil(script, sleepers);
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {n} | {cold:F1} | {warm:F1} | {plain:F1} | {plain / warm:F1}x | {children:F1} | {children / warm:F1}x |"));
            }
            finally
            {
                foreach (var sleeper in sleepers)
                {
                    sleeper.Kill();
                    sleeper.WaitForExit();
                    sleeper.Dispose();
                }
            }
        }

        return 0;
    }

    private static (double ColdMicros, double WarmMicros) TimeOurs(List<Process> sleepers)
    {
        using var probe = new LinuxProcessProbe();
        var pids = sleepers.Select(s => s.Id).ToArray();
        var cold = Stopwatch.StartNew();
        SampleAll(probe, pids);
        var coldMicros = cold.Elapsed.TotalMicroseconds / pids.Length;

        var rounds = Math.Max(5, 20_000 / pids.Length);
        for (var i = 0; i < 3; i++)
        {
            SampleAll(probe, pids);
        }

        var warm = Stopwatch.StartNew();
        for (var i = 0; i < rounds; i++)
        {
            SampleAll(probe, pids);
        }

        return (coldMicros, warm.Elapsed.TotalMicroseconds / (rounds * pids.Length));
    }

    private static void SampleAll(LinuxProcessProbe probe, int[] pids)
    {
        var sweep = probe.BeginSweep();
        foreach (var pid in pids)
        {
            if (!sweep.TryGetKey(pid, out var key) || probe.Read(key, ProbeParts.Extended, sweep).Outcome != ProbeOutcome.Ok)
            {
                throw new InvalidOperationException($"sleeper {pid} could not be read");
            }
        }
    }

    private static (double Plain, double Children) TimePsutil(string script, List<Process> sleepers)
    {
        var n = sleepers.Count;
        var info = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(Math.Max(1, 2000 / n).ToString(CultureInfo.InvariantCulture));
        info.ArgumentList.Add(Math.Max(1, 200 / n).ToString(CultureInfo.InvariantCulture));
        foreach (var sleeper in sleepers)
        {
            info.ArgumentList.Add(sleeper.Id.ToString(CultureInfo.InvariantCulture));
        }

        using var python = Process.Start(info)!;
        var output = python.StandardOutput.ReadToEnd();
        python.WaitForExit();
        using var json = JsonDocument.Parse(output);
        return (json.RootElement.GetProperty("without_children_us").GetDouble(), json.RootElement.GetProperty("with_children_us").GetDouble());
    }

    private static List<Process> StartSleepers(int n)
    {
        var sleepers = new List<Process>(n);
        for (var i = 0; i < n; i++)
        {
            var info = new ProcessStartInfo("/bin/sleep", "100000") { UseShellExecute = false };
            sleepers.Add(Process.Start(info)!);
        }

        return sleepers;
    }

    private static string FindScript()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "bench", "psutil_sweep.py");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("bench/psutil_sweep.py not found above " + AppContext.BaseDirectory);
    }
}
