using System.Text;
using McpOtelAgent.Wrapping;
using Microsoft.Extensions.Time.Testing;

namespace McpOtelAgent.Core.Tests.Wrapping;

public class McpTrafficObserverTests
{
    private readonly RecordingSink _sink = new();
    private readonly FakeTimeProvider _time = new();
    private readonly McpTrafficObserver _observer;

    public McpTrafficObserverTests() => _observer = new McpTrafficObserver(_sink, _time, maxPendingRequests: 8, maxLabelValues: 4);

    private void FromClient(string line) => _observer.Observe(MessageDirection.ClientToServer, Encoding.UTF8.GetBytes(line));

    private void FromServer(string line) => _observer.Observe(MessageDirection.ServerToClient, Encoding.UTF8.GetBytes(line));

    [Fact]
    public void Observe_ToolCallAndReply_RecordsDurationToolAndNoError()
    {
        FromClient("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"message":"hi"}}}""");
        _time.Advance(TimeSpan.FromMilliseconds(250));
        FromServer("""{"result":{"content":[{"type":"text","text":"Echo: hi"}]},"jsonrpc":"2.0","id":1}""");

        var operation = Assert.Single(_sink.Operations);
        Assert.Equal(
            new McpOperation(MessageDirection.ClientToServer, "tools/call", "echo", null, null, null, TimeSpan.FromMilliseconds(250)),
            operation);
        Assert.Equal(0, _observer.PendingCount);
    }

    [Fact]
    public void Observe_Initialize_LabelsLaterOperationsWithTheNegotiatedVersion()
    {
        FromClient("""{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2099-01-01","capabilities":{}}}""");
        FromServer("""{"result":{"protocolVersion":"2025-11-25","capabilities":{}},"jsonrpc":"2.0","id":0}""");
        FromClient("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""");
        FromServer("""{"result":{"tools":[]},"jsonrpc":"2.0","id":1}""");

        Assert.Equal("2025-11-25", _observer.ProtocolVersion);
        Assert.All(_sink.Operations, operation => Assert.Equal("2025-11-25", operation.ProtocolVersion));
    }

    [Fact]
    public void Observe_ErrorsAndToolErrors_SetErrorType()
    {
        FromClient("""{"jsonrpc":"2.0","id":1,"method":"bogus/method"}""");
        FromClient("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"echo"}}""");
        FromClient("""{"jsonrpc":"2.0","id":3,"method":"prompts/get","params":{"name":"nope"}}""");
        FromServer("""{"jsonrpc":"2.0","id":2,"result":{"content":[],"isError":true}}""");
        FromServer("""{"jsonrpc":"2.0","id":1,"error":{"code":-32601,"message":"Method not found"}}""");
        FromServer("""{"jsonrpc":"2.0","id":3,"error":{"code":-32602,"message":"Prompt nope not found"}}""");

        Assert.Equal(
            [("tools/call", "echo", null, "tool_error"), ("bogus/method", null, null, "-32601"), ("prompts/get", null, "nope", "-32602")],
            _sink.Operations.Select(o => (o.Method, o.ToolName, o.PromptName, o.ErrorType)));
    }

    [Fact]
    public void Observe_ServerInitiatedRequest_MatchesTheClientsReply()
    {
        FromServer("""{"jsonrpc":"2.0","id":0,"method":"sampling/createMessage","params":{"messages":[]}}""");
        FromClient("""{"jsonrpc":"2.0","id":1,"method":"ping"}""");
        FromClient("""{"jsonrpc":"2.0","id":0,"result":{"role":"assistant"}}""");

        var operation = Assert.Single(_sink.Operations);
        Assert.Equal(MessageDirection.ServerToClient, operation.Initiator);
        Assert.Equal("sampling/createMessage", operation.Method);
        Assert.Equal(1, _observer.PendingCount);
    }

    [Fact]
    public void Observe_Notifications_CountedByMethodAndCancellationClosesTheRequest()
    {
        FromServer("""{"method":"notifications/tools/list_changed","jsonrpc":"2.0"}""");
        FromClient("""{"jsonrpc":"2.0","id":"a","method":"tools/call","params":{"name":"slow"}}""");
        FromClient("""{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":"a"}}""");

        Assert.Equal(
            [("notifications/tools/list_changed", MessageDirection.ServerToClient), ("notifications/cancelled", MessageDirection.ClientToServer)],
            _sink.Notifications);
        var operation = Assert.Single(_sink.Operations);
        Assert.Equal(("slow", "cancelled"), (operation.ToolName, operation.ErrorType));
        Assert.Equal(0, _observer.PendingCount);
    }

    [Fact]
    public void Observe_RequestsThatAreNeverAnswered_StayBounded()
    {
        for (var i = 0; i < 100; i++)
        {
            FromClient($$"""{"jsonrpc":"2.0","id":{{i}},"method":"ping"}""");
        }

        Assert.Equal(8, _observer.PendingCount);
        Assert.Equal(92, _observer.EvictedRequests);
        FromServer("""{"jsonrpc":"2.0","id":0,"result":{}}""");
        Assert.Equal(1, _observer.UnmatchedResponses);
    }

    [Fact]
    public void Observe_ManyDistinctToolNames_FoldsTheExcessIntoOther()
    {
        for (var i = 0; i < 6; i++)
        {
            FromClient($$$"""{"jsonrpc":"2.0","id":{{{i}}},"method":"tools/call","params":{"name":"tool{{{i}}}"}}""");
            FromServer($$$"""{"jsonrpc":"2.0","id":{{{i}}},"result":{}}""");
        }

        Assert.Equal(["tool0", "tool1", "tool2", "tool3", "_OTHER", "_OTHER"], _sink.Operations.Select(o => o.ToolName));
    }

    [Fact]
    public void Observe_LogLineOnStdout_CountsMalformedAndRecordsNothing()
    {
        FromServer("Server listening");

        Assert.Equal(1, _observer.MalformedLines);
        Assert.Empty(_sink.Operations);
        Assert.Empty(_sink.Notifications);
    }
}
