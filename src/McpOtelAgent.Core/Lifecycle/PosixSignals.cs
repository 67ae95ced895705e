using System.Runtime.InteropServices;

namespace McpOtelAgent.Lifecycle;

/// <summary>
/// kill(2), which .NET does not expose: the supervisor signals a whole process group (an <c>npx</c> launch is a
/// wrapper plus the real server), and <see cref="System.Diagnostics.Process.Kill()"/> only sends SIGKILL.
/// </summary>
internal static class PosixSignals
{
    public const int SigKill = 9;
    public const int SigTerm = 15;

    private const int Esrch = 3;

    /// <summary>Sends <paramref name="signal"/> to every process of group <paramref name="processGroupId"/>.</summary>
    /// <returns>False when the group has no member left.</returns>
    public static bool SignalGroup(int processGroupId, int signal)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(processGroupId, 2);
        return Kill(-processGroupId, signal) == 0 || Marshal.GetLastPInvokeError() != Esrch;
    }

    /// <summary>Sends <paramref name="signal"/> to one process; false when it does not exist.</summary>
    public static bool SignalProcess(int pid, int signal)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pid, 2);
        return Kill(pid, signal) == 0 || Marshal.GetLastPInvokeError() != Esrch;
    }

    /// <summary>Whether any process (zombies included) is still in the group: signal 0 checks without sending.</summary>
    public static bool GroupExists(int processGroupId) => SignalGroup(processGroupId, 0);

    // DllImport rather than LibraryImport: the signature is blittable, and this keeps the project free of unsafe code.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int signal);
}
