using System.Buffers;
using Microsoft.Extensions.Logging;

namespace McpOtelAgent.Wrapping;

/// <summary>
/// Copies one direction of the stdio session byte for byte: each chunk is written and flushed on as soon as it is read.
/// The tap sees the chunk just before it is written (it only parses; it cannot alter the bytes), because a reply can
/// only be matched to a request the observer already knows: were the request forwarded first, a fast server could
/// answer before the request was recorded. A failing tap is switched off, never the pipe.
/// </summary>
internal static class StreamRelay
{
    private const int BufferSize = 64 * 1024;

    /// <summary>Relays until <paramref name="source"/> ends, <paramref name="destination"/> breaks, or cancellation.</summary>
    public static async Task PumpAsync(
        Stream source,
        Stream destination,
        LineTap? tap,
        MessageDirection direction,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            while (true)
            {
                var read = await source.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken);
                if (read == 0)
                {
                    return;
                }

                if (tap is not null)
                {
                    try
                    {
                        tap.Write(buffer.AsSpan(0, read));
                    }
                    catch (Exception exception)
                    {
                        Log.ObservationFailed(logger, direction, exception);
                        tap = null;
                    }
                }

                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                await destination.FlushAsync(cancellationToken);
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer went away or the session is over: either way this direction is done.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
