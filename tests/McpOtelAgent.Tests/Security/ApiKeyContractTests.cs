using System.Collections;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using McpOtelAgent.Security;
using McpOtelAgent.Tests.Agent.Support;
using McpOtelAgent.Tests.Health;
using Xunit.Abstractions;

namespace McpOtelAgent.Tests.Security;

/// <summary>Every state-changing route refuses a caller without the API key, whatever it sends.</summary>
[Collection(AgentHostCollection.Name)]
public sealed class ApiKeyContractTests(ITestOutputHelper output) : IAsyncLifetime
{
    private RunningAgent _agent = null!;

    public async Task InitializeAsync() =>
        _agent = await RunningAgent.StartAsync(environment: new Hashtable { ["MCPOTEL_API_KEY"] = RunningAgent.ApiKey });

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    [Fact]
    public void MutatingRoutes_EveryOne_RequiresTheApiKey()
    {
        var mutating = ApiRoutes.All(_agent.Services).Where(r => r.IsMutating).ToArray();
        output.WriteLine($"mutating routes: {string.Join(", ", mutating.Select(r => r.ToString()))}");

        Assert.True(mutating.Length >= 5, $"only {mutating.Length} mutating routes found");
        Assert.All(mutating, r => Assert.NotNull(r.Endpoint.Metadata.GetMetadata<ApiKeyRequiredMetadata>()));
    }

    [Fact]
    public async Task MutatingRoutes_NoKeyWrongKeyOrWrongScheme_401BeforeTheBodyIsRead()
    {
        var mutating = ApiRoutes.All(_agent.Services).Where(r => r.IsMutating).ToArray();
        AuthenticationHeaderValue?[] wrong =
        [
            null,
            new("Bearer", "wrong-key"),
            new("Bearer", RunningAgent.ApiKey + "x"),
            new("Bearer", RunningAgent.ApiKey[..^1]),
            new("Basic", RunningAgent.ApiKey),
            new("Bearer", RunningAgent.ApiKey.ToUpperInvariant()),
        ];
        var sent = 0;
        foreach (var route in mutating)
        {
            foreach (var authorization in wrong)
            {
                // A body that would not even parse: a 400 here would mean the body was read before the key was checked.
                foreach (var body in new[] { "{\"id\": \"x\", \"pid\": 1}", "{ not json" })
                {
                    using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Path())
                    {
                        Content = new StringContent(body, Encoding.UTF8, "application/json"),
                    };
                    request.Headers.Authorization = authorization;

                    using var response = await _agent.Http.SendAsync(request);
                    sent++;

                    Assert.True(response.StatusCode == HttpStatusCode.Unauthorized,
                        $"{route} with '{authorization}' and body '{body}' answered {(int)response.StatusCode}");
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                    Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
                }
            }
        }

        output.WriteLine($"{mutating.Length} mutating routes, {sent} unauthenticated requests, all 401");
    }

    [Fact]
    public async Task MutatingRoutes_TheRightKey_PassTheCheck()
    {
        foreach (var route in ApiRoutes.All(_agent.Services).Where(r => r.IsMutating))
        {
            using var response = await _agent.Http.SendAsync(_agent.Request(new HttpMethod(route.Method), route.Path("no-such-server"),
                content: new StringContent("{}", Encoding.UTF8, "application/json")));

            Assert.True(response.StatusCode != HttpStatusCode.Unauthorized, $"{route} refused the right key");
        }
    }
}
