using System.Net;
using System.Text;
using McpOtelAgent.Tests.Agent.Support;

namespace McpOtelAgent.Tests.Agent;

public sealed class NoApiKeyTests
{
    [Fact]
    public async Task PostServers_NoKeyConfigured_401EvenWithABearer()
    {
        await using var agent = await RunningAgent.StartAsync();

        using var response = await agent.Http.SendAsync(agent.Request(HttpMethod.Post, "/api/v1/servers",
            content: new StringContent("""{ "id": "x", "pid": 1 }""", Encoding.UTF8, "application/json")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("MCPOTEL_API_KEY", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
