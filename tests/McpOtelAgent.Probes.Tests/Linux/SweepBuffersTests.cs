using McpOtelAgent.Probes.Linux;

namespace McpOtelAgent.Probes.Tests.Linux;

public sealed class SweepBuffersTests
{
    [Fact]
    public void Reserve_BeyondCapacity_KeepsTheEarlySlotsAndMarksTheRestUnread()
    {
        var buffers = new SweepBuffers();
        buffers.Reserve(2, kept: 0);
        buffers.Keys[0] = new ProcessKey(7, 70);
        buffers.Keys[1] = new ProcessKey(8, 80);
        buffers.States[0] = buffers.States[1] = 1;
        buffers.States[2] = 2;

        buffers.Reserve(buffers.Keys.Length + 100, kept: 2);

        Assert.Equal([new ProcessKey(7, 70), new ProcessKey(8, 80)], buffers.Keys[..2]);
        Assert.Equal([1, 1, 0], buffers.States[..3]);
        Assert.True(buffers.AliveKeys.Length >= buffers.Keys.Length);
        Assert.True(buffers.ChildPids.Length >= buffers.Keys.Length);
    }
}
