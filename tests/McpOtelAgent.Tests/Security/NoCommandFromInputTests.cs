using System.Collections;
using System.Text;
using McpOtelAgent.Tests.Agent.Support;
using McpOtelAgent.Tests.Health;
using Xunit.Abstractions;

namespace McpOtelAgent.Tests.Security;

/// <summary>
/// No route runs a command it was sent: every route, called with the right key, with bodies, path values and query
/// strings that carry commands in every spelling a launcher might read, leaves the marker those commands would create
/// uncreated.
/// </summary>
[Collection(AgentHostCollection.Name)]
public sealed class NoCommandFromInputTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mcpotel-nocmd-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task EveryRoute_CommandsInItsInput_NeverRun()
    {
        var marker = Path.Combine(_dir, "ran");
        var touch = $"touch {marker}";
        await using var agent = await RunningAgent.StartAsync(environment: new Hashtable { ["MCPOTEL_API_KEY"] = RunningAgent.ApiKey });
        string[] bodies =
        [
            $$"""{"id":"pwn","command":"/bin/sh","args":["-c","{{touch}}"]}""",
            $$"""{"id":"pwn2","command":"/bin/sh -c '{{touch}}'","cmd":"{{touch}}","exec":"{{touch}}","shell":"{{touch}}"}""",
            $$"""{"id":"pwn3","match":"$({{touch}})","pidFile":"$({{touch}})"}""",
            $$"""{"id":"pwn4","pidFile":"`{{touch}}`","env":{"LD_PRELOAD":"/tmp/x.so"},"mcpServers":{"x":{"command":"/bin/sh","args":["-c","{{touch}}"]""" + "}}}",
            $$"""{"command":"/bin/sh","args":["-c","{{touch}}"],"type":"stdio","url":"http://127.0.0.1:1/"}""",
        ];
        string[] ids = ["$(" + touch + ")", "`" + touch + "`", "; " + touch, "| " + touch];
        var sent = 0;
        foreach (var route in ApiRoutes.All(agent.Services))
        {
            foreach (var id in ids.Prepend(ApiRoutes.ServerId))
            {
                foreach (var body in bodies)
                {
                    var path = route.Path(id) + "?command=" + Uri.EscapeDataString(touch) + "&serverId=" + Uri.EscapeDataString(id);
                    using var response = await agent.Http.SendAsync(agent.Request(new HttpMethod(route.Method), path,
                        content: route.IsMutating ? new StringContent(body, Encoding.UTF8, "application/json") : null));
                    sent++;
                    Assert.True((int)response.StatusCode < 500, $"{route} answered {(int)response.StatusCode}");
                }
            }
        }

        // Let a few sampling sweeps (0.5 s) run over whatever the requests attached.
        await Task.Delay(TimeSpan.FromSeconds(2));
        output.WriteLine($"{sent} requests carrying commands over {ApiRoutes.All(agent.Services).Count} routes");

        Assert.False(File.Exists(marker), "a command sent to the API ran");
    }
}
