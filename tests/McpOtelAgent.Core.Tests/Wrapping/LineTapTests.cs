using System.Text;
using McpOtelAgent.Wrapping;

namespace McpOtelAgent.Core.Tests.Wrapping;

public class LineTapTests
{
    private readonly List<string> _lines = [];

    private LineTap CreateTap(int maxLineBytes = 1024) => new(maxLineBytes, line => _lines.Add(Encoding.UTF8.GetString(line)));

    [Fact]
    public void Write_LinesSplitAcrossChunks_EmitsEachWholeLineOnce()
    {
        var tap = CreateTap();

        tap.Write("{\"a\":1}\n{\"b\""u8);
        tap.Write(":2"u8);
        tap.Write("}\n{\"c\":3}\r\n\n"u8);

        Assert.Equal(["{\"a\":1}", "{\"b\":2}", "{\"c\":3}"], _lines);
    }

    [Fact]
    public void Write_SplitLineLongerThanCap_SkipsItAndCountsIt()
    {
        var tap = CreateTap(maxLineBytes: 8);

        tap.Write("0123456"u8);
        tap.Write("789abc\nok\n"u8);

        Assert.Equal(["ok"], _lines);
        Assert.Equal(1, tap.OversizedLines);
    }

    [Fact]
    public void Write_OneByteAtATime_EmitsTheSameLines()
    {
        var tap = CreateTap();
        foreach (var b in "{\"x\":\"y\"}\n{}\n"u8.ToArray())
        {
            tap.Write([b]);
        }

        Assert.Equal(["{\"x\":\"y\"}", "{}"], _lines);
    }
}
