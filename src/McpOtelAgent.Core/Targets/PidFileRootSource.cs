using System.Globalization;
using McpOtelAgent.Probes;
using McpOtelAgent.Probes.Linux;

namespace McpOtelAgent.Targets;

/// <summary>A pid file, re-read every sweep: a server that restarts and rewrites it is followed under the same id.</summary>
internal sealed class PidFileRootSource(string path) : ITargetRootSource
{
    /// <summary>A pid file holds one short line; anything longer is not one, and is not read whole.</summary>
    private const int MaxBytes = 64;

    public string Description => $"pidFile {path}";

    public TargetResolution Resolve(ProcessSweep sweep)
    {
        // A FIFO (or a device) would block the sampler thread in open(2) until a writer appears, and the path may come
        // from the API. A missing path falls through to the open below, which says so.
        if (LibC.PathFileType(path) is not -1 and not LibC.SIfReg)
        {
            return TargetResolution.Down($"pid file is not a regular file: {path}");
        }

        string text;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            Span<byte> buffer = stackalloc byte[MaxBytes];
            var read = stream.ReadAtLeast(buffer, MaxBytes, throwOnEndOfStream: false);
            text = System.Text.Encoding.ASCII.GetString(buffer[..read]);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return TargetResolution.Down($"pid file missing: {path}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return TargetResolution.Down($"pid file unreadable: {path}: {ex.Message}");
        }

        if (!int.TryParse(text.AsSpan().Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid <= 0)
        {
            return TargetResolution.Down($"pid file holds no pid: {path}");
        }

        return sweep.TryGetKey(pid, out _)
            ? TargetResolution.Found(pid)
            : TargetResolution.Down(string.Create(CultureInfo.InvariantCulture, $"no such pid {pid} (from {path})"));
    }
}
