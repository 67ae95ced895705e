namespace McpOtelAgent.Probes.Linux;

/// <summary>The last parsed command line of one process, reused while <c>/proc/[pid]/cmdline</c> is unchanged.</summary>
internal sealed class CachedCmdline
{
    private byte[] _bytes = [];
    private string[]? _arguments;

    public string[] Get(ReadOnlySpan<byte> bytes, bool truncated)
    {
        if (_arguments is not null && bytes.SequenceEqual(_bytes))
        {
            return _arguments;
        }

        _bytes = bytes.ToArray();
        _arguments = CmdlineParser.Parse(bytes, truncated);
        return _arguments;
    }
}
