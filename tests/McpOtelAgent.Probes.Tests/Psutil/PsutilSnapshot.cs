using System.Diagnostics;
using System.Text.Json;
using McpOtelAgent.Probes.Tests.Linux;

namespace McpOtelAgent.Probes.Tests.Psutil;

/// <summary>Runs psutil_snapshot.py with the Debian psutil (/usr/bin/python3) and returns its JSON.</summary>
internal static class PsutilSnapshot
{
    public static JsonDocument Take(params int[] pids)
    {
        var info = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(TestPaths.PsutilScript);
        foreach (var pid in pids)
        {
            info.ArgumentList.Add(pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        using var python = Process.Start(info)!;
        var stdout = python.StandardOutput.ReadToEnd();
        var stderr = python.StandardError.ReadToEnd();
        python.WaitForExit();
        Assert.True(python.ExitCode == 0, $"psutil_snapshot.py failed: {stderr}");
        return JsonDocument.Parse(stdout);
    }
}
