using System.Text;
using System.Text.Json;

namespace McpOtelAgent.Tests.Wrapping;

/// <summary>The real <c>mcp-otel-agent wrap</c> executable: bytes, exit codes, signals and stderr.</summary>
public sealed class WrapCommandTests : IDisposable
{
    private const int SigTerm = 15;

    private readonly List<WrapperProcess> _processes = [];

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }
    }

    /// <summary>One request per line, sent one at a time; an id means "wait for this reply before the next".</summary>
    private static readonly (string? Id, string Line)[] Session =
    [
        ("1", """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"transcript","version":"1.0"}}}"""),
        (null, """{"jsonrpc":"2.0","method":"notifications/initialized"}"""),
        ("2", """{"jsonrpc":"2.0","id":2,"method":"tools/list"}"""),
        ("3", """{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"echo","arguments":{"message":"héllo wörld ✓"}}}"""),
        ("4", """{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"get-sum","arguments":{"a":40,"b":2}}}"""),
        ("5", """{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"echo","arguments":{}}}"""),
        ("6", """{"jsonrpc":"2.0","id":6,"method":"prompts/list"}"""),
        ("7", """{"jsonrpc":"2.0","id":7,"method":"prompts/get","params":{"name":"simple-prompt"}}"""),
        ("8", """{"jsonrpc":"2.0","id":8,"method":"bogus/method"}"""),
        ("\"p-9\"", """{"jsonrpc":"2.0","id":"p-9","method":"ping"}"""),
    ];

    [Fact]
    public async Task Wrap_ServerEverythingSession_ClientSeesTheSameBytesAsWithoutTheWrapper()
    {
        // Observation on, reporting to an agent that is down: the wrapper's warnings must go to stderr, not the session.
        var agentDown = $"http://127.0.0.1:{WrapFixtures.ClosedPort()}";
        var direct = await RecordTranscriptAsync(Start(WrapperProcess.Direct("node", WrapFixtures.ServerEverything, "stdio")));
        var wrapper = Start(WrapperProcess.Wrap(
            ["--server-id", "everything", "--agent", agentDown], ["node", WrapFixtures.ServerEverything, "stdio"]));
        var wrapped = await RecordTranscriptAsync(wrapper);

        Assert.Contains("Could not attach everything", wrapper.StandardError, StringComparison.Ordinal);
        Assert.True(direct.Length > 1000);
        Assert.Equal(Encoding.UTF8.GetString(direct), Encoding.UTF8.GetString(wrapped));
        Assert.Equal(direct, wrapped);
    }

    [Fact]
    public async Task Wrap_ArbitraryBinaryThroughCat_PassesEveryByteUnchanged()
    {
        var payload = new byte[300_000];
        new Random(42).NextBytes(payload);
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\"}\n"u8.CopyTo(payload);
        var wrapper = Start(WrapperProcess.Wrap([], ["cat"]));

        var output = wrapper.ReadToEndAsync();
        await wrapper.Input.WriteAsync(payload);
        wrapper.CloseInput();

        Assert.Equal(payload, await output);
        Assert.Equal(0, await wrapper.WaitForExitAsync());
    }

    [Fact]
    public async Task Wrap_ServerExitsWithCode_WrapperExitsWithTheSameCode()
    {
        var wrapper = Start(WrapperProcess.Wrap([], ["sh", "-c", "echo out; echo err >&2; exit 7"]));

        var output = await wrapper.ReadToEndAsync();

        Assert.Equal(7, await wrapper.WaitForExitAsync());
        Assert.Equal("out\n", Encoding.UTF8.GetString(output));
        Assert.Contains("err", wrapper.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrap_ServerKilledBySignal_WrapperExitsWith128PlusSignal()
    {
        var wrapper = Start(WrapperProcess.Wrap([], ["sh", "-c", "kill -9 $$"]));

        Assert.Equal(128 + 9, await wrapper.WaitForExitAsync());
    }

    [Fact]
    public async Task Wrap_SigtermToWrapper_IsForwardedAndTheServersExitCodeReturned()
    {
        var wrapper = Start(WrapperProcess.Wrap(
            [], ["sh", "-c", "trap 'echo got-term >&2; exit 42' TERM; echo ready; while :; do sleep 0.05; done"]));
        var ready = new byte[6];
        await wrapper.Output.ReadExactlyAsync(ready).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("ready\n", Encoding.UTF8.GetString(ready));

        wrapper.Signal(SigTerm);

        Assert.Equal(42, await wrapper.WaitForExitAsync());
        Assert.Contains("got-term", wrapper.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrap_ScopedPackageArgument_IsPassedVerbatimNotAsAResponseFile()
    {
        var wrapper = Start(WrapperProcess.Wrap([], ["echo", "@modelcontextprotocol/server-everything", "--port", "1"]));

        var output = await wrapper.ReadToEndAsync();

        Assert.Equal("@modelcontextprotocol/server-everything --port 1\n", Encoding.UTF8.GetString(output));
        Assert.Equal(0, await wrapper.WaitForExitAsync());
    }

    [Fact]
    public async Task Wrap_CommandNotFound_Exits127AndSaysWhyOnStderrOnly()
    {
        var wrapper = Start(WrapperProcess.Wrap([], ["/nonexistent/mcp-server"]));

        var output = await wrapper.ReadToEndAsync();

        Assert.Equal(127, await wrapper.WaitForExitAsync());
        Assert.Empty(output);
        Assert.Contains("/nonexistent/mcp-server", wrapper.StandardError, StringComparison.Ordinal);
    }

    private WrapperProcess Start(WrapperProcess process)
    {
        _processes.Add(process);
        return process;
    }

    /// <summary>
    /// Sends <see cref="Session"/> request by request, waiting for each reply, then closes stdin and reads to the end:
    /// every byte the server (or the wrapper) wrote, in order.
    /// </summary>
    private static async Task<byte[]> RecordTranscriptAsync(WrapperProcess server)
    {
        var transcript = new MemoryStream();
        var pending = new List<byte>();
        var chunk = new byte[64 * 1024];
        foreach (var (id, line) in Session)
        {
            await server.Input.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"));
            await server.Input.FlushAsync();
            while (id is not null && !ContainsReply(pending, id))
            {
                var read = await server.Output.ReadAsync(chunk).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
                Assert.NotEqual(0, read);
                transcript.Write(chunk, 0, read);
                pending.AddRange(chunk.AsSpan(0, read));
            }
        }

        server.CloseInput();
        await server.Output.CopyToAsync(transcript).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, await server.WaitForExitAsync());
        return transcript.ToArray();
    }

    /// <summary>Whether a complete line in <paramref name="received"/> is the reply with <paramref name="id"/> (raw JSON).</summary>
    private static bool ContainsReply(List<byte> received, string id)
    {
        var text = Encoding.UTF8.GetString([.. received]);
        var lines = text.Split('\n');
        return lines.Take(lines.Length - 1).Any(line =>
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            return !root.TryGetProperty("method", out _) && root.TryGetProperty("id", out var value) && value.GetRawText() == id;
        });
    }
}
