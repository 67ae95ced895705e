namespace McpOtelAgent.Probes.Linux;

/// <summary>
/// The last command line of one process, parsed and joined on first need and reused while
/// <c>/proc/[pid]/cmdline</c> is unchanged, so a steady process costs no allocation per sweep.
/// </summary>
internal sealed class CachedCmdline
{
    private byte[] _bytes = [];
    private bool _truncated;
    private string[]? _arguments;
    private string? _joined;

    public string[] Get(ReadOnlySpan<byte> bytes, bool truncated)
    {
        Update(bytes, truncated);
        return _arguments ??= CmdlineParser.Parse(_bytes, _truncated);
    }

    /// <summary>The arguments joined by spaces, as pattern matching and discovery see a command line.</summary>
    public string GetJoined(ReadOnlySpan<byte> bytes, bool truncated)
    {
        Update(bytes, truncated);
        return _joined ??= string.Join(' ', _arguments ??= CmdlineParser.Parse(_bytes, _truncated));
    }

    private void Update(ReadOnlySpan<byte> bytes, bool truncated)
    {
        if (truncated == _truncated && bytes.SequenceEqual(_bytes) && (_arguments is not null || _joined is not null))
        {
            return;
        }

        _bytes = bytes.ToArray();
        _truncated = truncated;
        _arguments = null;
        _joined = null;
    }
}
