using System.Text;
using McpOtelAgent.Wrapping;

namespace McpOtelAgent.Core.Tests.Wrapping;

public class JsonRpcMessageParserTests
{
    private static (bool Valid, List<JsonRpcMessage> Messages) Parse(string line)
    {
        var messages = new List<JsonRpcMessage>();
        var valid = JsonRpcMessageParser.TryParse(Encoding.UTF8.GetBytes(line), messages);
        return (valid, messages);
    }

    [Fact]
    public void TryParse_ToolsCallRequest_KeepsMethodIdAndToolNameOnly()
    {
        var (valid, messages) = Parse(
            """{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"echo","arguments":{"message":"secret","name":"inner"}}}""");

        Assert.True(valid);
        var message = Assert.Single(messages);
        Assert.Equal(new JsonRpcMessage(JsonRpcMessageKind.Request, "n:7", "tools/call", "echo", null, false, null, null), message);
    }

    [Fact]
    public void TryParse_ResultBeforeId_ReadsToolErrorWhereverItSits()
    {
        var (_, messages) = Parse(
            """{"result":{"content":[{"type":"text","text":"boom","isError":false}],"isError":true},"jsonrpc":"2.0","id":"s4"}""");

        var message = Assert.Single(messages);
        Assert.Equal(JsonRpcMessageKind.Response, message.Kind);
        Assert.Equal("s:s4", message.Id);
        Assert.True(message.IsToolError);
    }

    [Fact]
    public void TryParse_ErrorResponse_ReadsCode()
    {
        var (_, messages) = Parse("""{"jsonrpc":"2.0","id":5,"error":{"code":-32601,"message":"Method not found","data":{"code":1}}}""");

        var message = Assert.Single(messages);
        Assert.Equal(-32601, message.ErrorCode);
        Assert.Equal("n:5", message.Id);
    }

    [Fact]
    public void TryParse_NumberAndStringIds_StayDistinct()
    {
        var (_, number) = Parse("""{"jsonrpc":"2.0","id":1,"result":{}}""");
        var (_, text) = Parse("""{"jsonrpc":"2.0","id":"1","result":{}}""");

        Assert.NotEqual(number[0].Id, text[0].Id);
    }

    [Fact]
    public void TryParse_InitializeResult_ReadsProtocolVersion()
    {
        var (_, messages) = Parse(
            """{"result":{"protocolVersion":"2025-11-25","capabilities":{"tools":{"listChanged":true}},"serverInfo":{"name":"x"}},"jsonrpc":"2.0","id":0}""");

        Assert.Equal("2025-11-25", messages[0].ProtocolVersion);
        Assert.Null(messages[0].Name);
    }

    [Fact]
    public void TryParse_CancelledNotification_ReadsRequestId()
    {
        var (_, messages) = Parse("""{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":"abc","reason":"x"}}""");

        var message = Assert.Single(messages);
        Assert.Equal(JsonRpcMessageKind.Notification, message.Kind);
        Assert.Equal("s:abc", message.CancelledRequestId);
    }

    [Fact]
    public void TryParse_Batch_ReadsEveryMessage()
    {
        var (valid, messages) = Parse("""[{"jsonrpc":"2.0","id":1,"method":"ping"},{"jsonrpc":"2.0","method":"notifications/initialized"}]""");

        Assert.True(valid);
        Assert.Equal([JsonRpcMessageKind.Request, JsonRpcMessageKind.Notification], messages.Select(m => m.Kind));
    }

    [Theory]
    [InlineData("Starting server...")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"ping" """)]
    [InlineData("""{"jsonrpc":"2.0"}""")]
    [InlineData("42")]
    public void TryParse_NotJsonRpc_ReturnsFalse(string line)
    {
        var (valid, _) = Parse(line);

        Assert.False(valid);
    }

    [Fact]
    public void TryParse_DeeplyNestedArguments_StillParses()
    {
        var nested = string.Concat(Enumerable.Repeat("""{"a":""", 200)) + "1" + new string('}', 200);
        var (valid, messages) = Parse($$$"""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"arguments":{{{nested}}},"name":"deep"}}""");

        Assert.True(valid);
        Assert.Equal("deep", messages[0].Name);
    }
}
