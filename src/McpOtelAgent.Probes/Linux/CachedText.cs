using System.Text;

namespace McpOtelAgent.Probes.Linux;

/// <summary>
/// The last string decoded from some bytes (a comm, exe or cwd of one process): while the bytes do not change, the
/// same string is returned, so a steady process costs no string allocation per sample.
/// </summary>
internal sealed class CachedText
{
    private byte[] _bytes = [];
    private string? _value;

    public string Get(ReadOnlySpan<byte> bytes)
    {
        if (_value is not null && bytes.SequenceEqual(_bytes))
        {
            return _value;
        }

        _bytes = bytes.ToArray();
        _value = Encoding.UTF8.GetString(bytes);
        return _value;
    }
}
