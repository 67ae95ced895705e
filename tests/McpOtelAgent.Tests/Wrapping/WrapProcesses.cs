using System.Diagnostics;

namespace McpOtelAgent.Tests.Wrapping;

internal static class WrapProcesses
{
    /// <summary>Test clean-up: kills a child a failed test left behind (by pid, never by name).</summary>
    public static void KillIfRunning(int pid)
    {
        if (pid <= 0)
        {
            return;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }
    }
}
