using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace McpOtelAgent.Wrapping;

/// <summary>
/// Runs the real server as a child and stands between it and the client: the client's bytes go to the child's stdin,
/// the child's stdout goes to the client, both unchanged, while an observer taps each direction; the child's stderr is
/// inherited, so it reaches the client's log with no copy at all. The run ends when the child does, with its exit code
/// (.NET reports a child killed by signal N as 128+N, as shells do).
/// </summary>
internal sealed class WrapRunner(ILogger logger)
{
    /// <summary>Exit code when the command cannot be found (as shells report it).</summary>
    public const int CommandNotFoundExitCode = 127;

    /// <summary>Exit code when the command exists but cannot be run.</summary>
    public const int CannotExecuteExitCode = 126;

    // After the child exits, its last bytes may still be in the pipe; a descendant that outlives it could also keep
    // the pipe open for ever, so the drain is bounded.
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(2);

    /// <remarks>
    /// <c>onStarted</c>: Called with the child's pid once it runs (to attach it to an agent).<br/>
    /// <c>cancellationToken</c>: Kills the child's process tree: for hosts that stop the session themselves.
    /// </remarks>
    public async Task<int> RunAsync(
        WrapOptions options,
        Stream clientInput,
        Stream clientOutput,
        McpTrafficObserver? observer,
        Action<int>? onStarted = null,
        CancellationToken cancellationToken = default)
    {
        Process child;
        try
        {
            child = Process.Start(CreateStartInfo(options))!;
        }
        catch (Win32Exception exception)
        {
            Log.StartFailed(logger, options.Command, exception.Message);
            return exception.NativeErrorCode == 13 ? CannotExecuteExitCode : CommandNotFoundExitCode;
        }

        using (child)
        using (new ChildSignalForwarder(child.Id))
        using (var pumps = new CancellationTokenSource())
        using (cancellationToken.Register(() => KillTree(child)))
        {
            Log.Started(logger, options.ServerId, child.Id);
            onStarted?.Invoke(child.Id);

            // Not awaited: a read of the wrapper's stdin only ends when the client closes it, which may be never once
            // the server has gone; when the session is over that pump is cancelled and abandoned.
            _ = RelayToServerAsync(options, clientInput, child, observer, pumps.Token);
            var toClient = StreamRelay.PumpAsync(
                child.StandardOutput.BaseStream,
                clientOutput,
                TapFor(options, observer, MessageDirection.ServerToClient),
                MessageDirection.ServerToClient,
                logger,
                pumps.Token);

            await child.WaitForExitAsync(CancellationToken.None);
            try
            {
                await toClient.WaitAsync(DrainTimeout, CancellationToken.None);
            }
            catch (TimeoutException)
            {
                Log.DrainTimedOut(logger, DrainTimeout.TotalSeconds);
            }

            await pumps.CancelAsync();

            Log.Exited(logger, options.ServerId, child.ExitCode);
            return child.ExitCode;
        }
    }

    private async Task RelayToServerAsync(
        WrapOptions options,
        Stream clientInput,
        Process child,
        McpTrafficObserver? observer,
        CancellationToken cancellationToken)
    {
        await StreamRelay.PumpAsync(
            clientInput,
            child.StandardInput.BaseStream,
            TapFor(options, observer, MessageDirection.ClientToServer),
            MessageDirection.ClientToServer,
            logger,
            cancellationToken);

        // The client closed its end: pass the EOF on, which is how a stdio server learns to shut down (MCP spec,
        // basic/lifecycle#shutdown).
        try
        {
            child.StandardInput.Close();
        }
        catch (IOException)
        {
            // The child is already gone.
        }
    }

    private static LineTap? TapFor(WrapOptions options, McpTrafficObserver? observer, MessageDirection direction) =>
        observer is null ? null : new LineTap(options.MaxLineBytes, observer.For(direction));

    private static ProcessStartInfo CreateStartInfo(WrapOptions options)
    {
        var startInfo = new ProcessStartInfo(options.Command)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
        };
        foreach (var argument in options.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return startInfo;
    }

    private static void KillTree(Process child)
    {
        try
        {
            child.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }
}
