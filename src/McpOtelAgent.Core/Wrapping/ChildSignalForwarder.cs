using System.Runtime.InteropServices;

namespace McpOtelAgent.Wrapping;

/// <summary>
/// Passes SIGINT, SIGTERM and SIGHUP sent to the wrapper on to the wrapped server instead of letting them end the
/// wrapper: a desktop client stops a server by signalling the process it started, which is now the wrapper. The
/// wrapper then ends when the server does, with its exit code.
/// </summary>
internal sealed partial class ChildSignalForwarder : IDisposable
{
    // Linux signal numbers (signal(7)); PosixSignal's values are .NET's own abstractions, not these.
    private const int SigHup = 1;
    private const int SigInt = 2;
    private const int SigTerm = 15;

    private readonly PosixSignalRegistration[] _registrations;

    public ChildSignalForwarder(int childPid)
    {
        _registrations =
        [
            Forward(PosixSignal.SIGINT, SigInt, childPid),
            Forward(PosixSignal.SIGTERM, SigTerm, childPid),
            Forward(PosixSignal.SIGHUP, SigHup, childPid),
        ];
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }

    private static PosixSignalRegistration Forward(PosixSignal signal, int number, int childPid) =>
        PosixSignalRegistration.Create(signal, context =>
        {
            context.Cancel = true;
            _ = Kill(childPid, number);
        });

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
