namespace McpOtelAgent.Wrapping;

/// <summary>
/// Cuts a byte stream into newline-delimited lines (the MCP stdio framing) as chunks arrive. A line that lies whole in
/// one chunk is handed over in place; only a line split across reads is copied, into a carry buffer that never grows
/// past <c>maxLineBytes</c> (a longer line is skipped and counted, so memory stays bounded whatever the peer sends).
/// One writer per instance.
/// </summary>
internal sealed class LineTap(int maxLineBytes, LineHandler onLine)
{
    private byte[] _carry = [];
    private int _carryLength;
    private bool _oversized;

    /// <summary>Lines longer than the cap that were split across reads, and so were not observed.</summary>
    public long OversizedLines { get; private set; }

    public void Write(ReadOnlySpan<byte> chunk)
    {
        while (!chunk.IsEmpty)
        {
            var newline = chunk.IndexOf((byte)'\n');
            if (newline < 0)
            {
                Append(chunk);
                return;
            }

            var tail = chunk[..newline];
            chunk = chunk[(newline + 1)..];
            if (_carryLength == 0 && !_oversized)
            {
                Emit(tail);
                continue;
            }

            Append(tail);
            if (_oversized)
            {
                OversizedLines++;
            }
            else
            {
                Emit(_carry.AsSpan(0, _carryLength));
            }

            _carryLength = 0;
            _oversized = false;
        }
    }

    private void Emit(ReadOnlySpan<byte> line)
    {
        // Tolerate CRLF framing and blank lines: neither is a message.
        if (!line.IsEmpty && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        if (!line.IsEmpty)
        {
            onLine(line);
        }
    }

    private void Append(ReadOnlySpan<byte> part)
    {
        if (_oversized)
        {
            return;
        }

        var needed = _carryLength + part.Length;
        if (needed > maxLineBytes)
        {
            _oversized = true;
            _carryLength = 0;
            return;
        }

        if (needed > _carry.Length)
        {
            Array.Resize(ref _carry, Math.Min(maxLineBytes, Math.Max(needed, Math.Max(4096, _carry.Length * 2))));
        }

        part.CopyTo(_carry.AsSpan(_carryLength));
        _carryLength = needed;
    }
}
