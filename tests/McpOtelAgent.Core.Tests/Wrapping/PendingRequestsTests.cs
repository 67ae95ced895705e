using McpOtelAgent.Wrapping;

namespace McpOtelAgent.Core.Tests.Wrapping;

public class PendingRequestsTests
{
    [Fact]
    public void Add_BeyondCapacity_EvictsTheOldestAndCountsIt()
    {
        var table = new PendingRequests(capacity: 2);

        table.Add("n:1", "ping", null, 0);
        table.Add("n:2", "ping", null, 0);
        table.Add("n:3", "ping", null, 0);

        Assert.Equal(2, table.Count);
        Assert.Equal(1, table.Evicted);
        Assert.False(table.TryRemove("n:1", out _));
        Assert.True(table.TryRemove("n:3", out _));
    }

    [Fact]
    public void Add_ManyAnsweredRequests_StaysBoundedAndEvictsNothing()
    {
        var table = new PendingRequests(capacity: 4);
        for (var i = 0; i < 100_000; i++)
        {
            var id = $"n:{i}";
            table.Add(id, "tools/call", "echo", i);
            Assert.True(table.TryRemove(id, out var request));
            Assert.Equal(i, request.StartTimestamp);
        }

        Assert.Equal(0, table.Count);
        Assert.Equal(0, table.Evicted);
    }

    [Fact]
    public void Add_ReusedId_ReplacesTheOlderRequest()
    {
        var table = new PendingRequests(capacity: 2);

        table.Add("n:1", "ping", null, 1);
        table.Add("n:1", "tools/list", null, 2);
        table.Add("n:2", "ping", null, 3);

        Assert.Equal(0, table.Evicted);
        Assert.True(table.TryRemove("n:1", out var request));
        Assert.Equal("tools/list", request.Method);
    }
}
