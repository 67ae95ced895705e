using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using McpOtelAgent.Probes;
using McpOtelAgent.Probes.Linux;

namespace McpOtelAgent.Benchmarks;

/// <summary>
/// Starts N real idle processes (sleepers), then times, in the same run: our full extended sample of all of them
/// (one sweep plus one extended read each; steady state with files kept open, and the cold first sample), the
/// agent's sample between two details reads (the same read, reusing <see cref="ProbeParts.Details"/>), and
/// psutil's <c>oneshot()</c> over the same fields with and without <c>children()</c> (bench/psutil_sweep.py).
/// Wall time suffers when other work shares the CPUs; CPU time (user + system of the measuring process) much less,
/// so both are reported, and the ratios of each.
/// </summary>
internal static class SweepRunner
{
    public static int Run(string[] args)
    {
        var sizes = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [10, 100, 1000];
        var script = FindScript();
        Console.WriteLine($"{Environment.ProcessorCount} CPUs, {Environment.OSVersion}, .NET {Environment.Version}, load {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine("µs per process (wall / CPU)");
        Console.WriteLine();
        Console.WriteLine("| N | ours, cold | ours | ours, details reused | psutil | ratio | psutil + children() | ratio |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var n in sizes)
        {
            var sleepers = StartSleepers(n);
            try
            {
                var (cold, ours) = TimeOurs(sleepers, ProbeParts.None);
                var (_, reused) = TimeOurs(sleepers, ProbeParts.Details);
                var (plain, children) = TimePsutil(script, sleepers);
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {n} | {cold} | {ours} | {reused} | {plain} | {plain.Wall / ours.Wall:F1}x / {plain.Cpu / ours.Cpu:F1}x | {children} | {children.Wall / ours.Wall:F0}x / {children.Cpu / ours.Cpu:F0}x |"));
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

    /// <summary>
    /// Cold: the first sample of a new probe (every file opened), after the JIT has seen the code once. Warm: the
    /// steady state, best of three runs, since the other tenants of a shared VM only ever add time; its reads may
    /// reuse <paramref name="reuse"/> from the reads before.
    /// </summary>
    private static (Timing Cold, Timing Warm) TimeOurs(List<Process> sleepers, ProbeParts reuse)
    {
        var pids = sleepers.Select(s => s.Id).ToArray();
        using (var jit = new LinuxProcessProbe())
        {
            SampleAll(jit, pids, reuse);
        }

        using var probe = new LinuxProcessProbe();
        var cold = Measure(pids.Length, 1, () => SampleAll(probe, pids, reuse));
        for (var i = 0; i < 3; i++)
        {
            SampleAll(probe, pids, reuse);
        }

        var rounds = Math.Max(5, 10_000 / pids.Length);
        var best = new Timing(double.MaxValue, double.MaxValue);
        for (var run = 0; run < 3; run++)
        {
            var timing = Measure(pids.Length, rounds, () => SampleAll(probe, pids, reuse));
            best = new Timing(Math.Min(best.Wall, timing.Wall), Math.Min(best.Cpu, timing.Cpu));
        }

        return (cold, best);
    }

    private static Timing Measure(int processes, int rounds, Action round)
    {
        using var self = Process.GetCurrentProcess();
        var cpu = self.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < rounds; i++)
        {
            round();
        }

        wall.Stop();
        self.Refresh();
        var per = 1.0 / (processes * rounds);
        return new Timing(wall.Elapsed.TotalMicroseconds * per, (self.TotalProcessorTime - cpu).TotalMicroseconds * per);
    }

    private static void SampleAll(LinuxProcessProbe probe, int[] pids, ProbeParts reuse)
    {
        var sweep = probe.BeginSweep();
        foreach (var pid in pids)
        {
            if (!sweep.TryGetKey(pid, out var key) || probe.Read(key, ProbeParts.Extended, sweep, reuse).Outcome != ProbeOutcome.Ok)
            {
                throw new InvalidOperationException($"sleeper {pid} could not be read");
            }
        }
    }

    private static (Timing Plain, Timing Children) TimePsutil(string script, List<Process> sleepers)
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
        return (Read(json.RootElement.GetProperty("without_children")), Read(json.RootElement.GetProperty("with_children")));

        static Timing Read(JsonElement e) => new(e.GetProperty("wall_us").GetDouble(), e.GetProperty("cpu_us").GetDouble());
    }

    private static List<Process> StartSleepers(int n)
    {
        var sleepers = new List<Process>(n);
        for (var i = 0; i < n; i++)
        {
            sleepers.Add(Process.Start(new ProcessStartInfo("/bin/sleep", "100000") { UseShellExecute = false })!);
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

    private readonly record struct Timing(double Wall, double Cpu)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Wall:F1} / {Cpu:F1}");
    }
}
