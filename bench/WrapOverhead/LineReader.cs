using System.Text;

namespace WrapOverhead;

/// <summary>Reads newline-terminated UTF-8 lines from a raw stream with one buffer (StreamReader would add its own).</summary>
internal sealed class LineReader(Stream stream)
{
    private readonly byte[] _buffer = new byte[1 << 20];
    private int _start;
    private int _end;

    public async Task<string?> ReadLineAsync()
    {
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                var line = Encoding.UTF8.GetString(_buffer, _start, newline - _start);
                _start = newline + 1;
                return line;
            }

            if (_start > 0)
            {
                Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            var read = await stream.ReadAsync(_buffer.AsMemory(_end));
            if (read == 0)
            {
                return null;
            }

            _end += read;
        }
    }
}
