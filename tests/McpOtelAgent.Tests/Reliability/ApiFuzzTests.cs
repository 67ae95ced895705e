using System.Net;
using System.Net.Sockets;
using System.Text;
using McpOtelAgent.Tests.Agent.Support;
using McpOtelAgent.Tests.Reliability.Support;
using McpOtelAgent.Tests.Security;
using McpOtelAgent.Tests.Support;
using Xunit.Abstractions;

namespace McpOtelAgent.Tests.Reliability;

/// <summary>
/// 10,000 malformed requests from a seeded generator (so a failure replays): bad JSON, wrong types, huge and deep
/// bodies, unknown and hostile ids, path tricks, unicode, wrong methods and content types, with and without the key.
/// None may answer 5xx, and the agent must still serve afterwards; then well-formed MCP traffic for every hostile id,
/// which only a target may turn into series.
/// </summary>
[Trait(Support.Reliability.Category, Support.Reliability.Name)]
public sealed class ApiFuzzTests(ITestOutputHelper output)
{
    private const int Requests = 10_000;
    private const int Seed = 20261125;

    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "PROPFIND"];

    private static readonly string[] Paths =
    [
        "/api/v1/servers", "/api/v1/servers/{id}", "/api/v1/servers/{id}/metrics", "/api/v1/servers/{id}/metrics/extended",
        "/api/v1/servers/{id}/trends", "/api/v1/servers/{id}/health", "/api/v1/servers/{id}/thresholds",
        "/api/v1/servers/{id}/thresholds/{name}", "/api/v1/thresholds", "/api/v1/thresholds/{name}", "/api/v1/alerts",
        "/api/v1/servers/{id}/start", "/api/v1/servers/{id}/stop", "/api/v1/servers/{id}/restart", "/api/v1/discovery",
        "/api/v1/servers/{id}/mcp-traffic", "/metrics", "/api/v1/openapi.json", "/api/v1/", "/api", "/",
    ];

    private static readonly string[] Ids =
    [
        "mcp-otel-agent", "no-such", "", " ", "..", "%2e%2e", "..%2f..%2fetc%2fpasswd", "%00", "a%00b", new string('a', 5000),
        "%F0%9F%92%A5", "%C3%A9t%C3%A9", "%E2%80%AE", "%FF%FE", "a%2Fb", "%25", "{id}", "$(id)", "'%3B--", "%3Cscript%3E",
        "-1", "0", "99999999999999999999", "NaN", "null", "true",
    ];

    private static readonly string[] Names = ["cpu_percent", "memory_mb", "nope", "", "CPU_PERCENT", "%00", "..", new string('x', 300)];

    [Fact]
    public async Task Api_10000MalformedRequests_No5xxAndStillServing()
    {
        using var agent = await AgentProcess.StartAsync(environment: new Dictionary<string, string> { ["MCPOTEL_API_KEY"] = AgentProcess.ApiKey });
        var rssBefore = agent.RssBytes;
        var random = new Random(Seed);
        var requests = Enumerable.Range(0, Requests).Select(_ => Generate(random, agent.Port)).ToArray();
        var statuses = new int[600];
        var failures = new List<string>();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 8 })
        {
            BaseAddress = agent.Http.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };

        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (spec, _) =>
        {
            using var request = spec.ToRequest();
            try
            {
                using var response = await http.SendAsync(request);
                Interlocked.Increment(ref statuses[(int)response.StatusCode]);
                if ((int)response.StatusCode >= 500)
                {
                    lock (failures)
                    {
                        failures.Add($"{(int)response.StatusCode} for {spec}");
                    }
                }
            }
            catch (HttpRequestException ex)
            {
                lock (failures)
                {
                    failures.Add($"{ex.Message} for {spec}");
                }
            }
        });

        var limit = await SendOversizedBodyAsync(agent);
        using var alive = await agent.Http.GetAsync("/metrics");
        var rssAfter = agent.RssBytes;
        var fives = statuses.Skip(500).Sum();
        output.WriteLine($"{Requests} malformed requests (seed {Seed}); 5xx: {fives}; transport failures: {failures.Count - fives}");
        output.WriteLine("statuses: " + string.Join(", ", statuses.Select((n, s) => (n, s)).Where(x => x.n > 0).Select(x => $"{x.s}×{x.n}")));
        output.WriteLine($"body over the 1 MiB limit: {limit}; RSS before {rssBefore / 1048576.0:F1} MiB, after {rssAfter / 1048576.0:F1} MiB");
        Assert.Empty(failures);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, limit);
        Assert.False(agent.HasExited);
        Assert.DoesNotContain("Unhandled exception", agent.Output, StringComparison.OrdinalIgnoreCase);

        // A traffic report becomes histogram series that live as long as the agent: only a target may create them.
        foreach (var id in Ids)
        {
            using var report = agent.Request(HttpMethod.Post, $"/api/v1/servers/{id}/mcp-traffic", new StringContent(
                """{"operations":[{"initiator":"client","method":"tools/call","tool":"fuzz","durationsSeconds":[0.1]}],"notifications":[]}""", Encoding.UTF8, "application/json"));
            using var answer = await agent.Http.SendAsync(report);
            Assert.True(
                id == ApiRoutes.ServerId ? answer.StatusCode == HttpStatusCode.NoContent : answer.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound,
                $"traffic for '{id}' answered {(int)answer.StatusCode}");
        }

        var traffic = await Poll.UntilAsync(agent.ScrapeAsync, t => FuzzTraffic(t, ApiRoutes.ServerId) is not null, "the target's traffic on /metrics");
        Assert.Equal([ApiRoutes.ServerId], Ids.Where(id => FuzzTraffic(traffic, id) is not null));
    }

    private static double? FuzzTraffic(string exposition, string serverId) =>
        Exposition.Value(exposition, "mcp_server_operation_duration_seconds_count", ("gen_ai_tool_name", "fuzz"), ("server_id", serverId));

    /// <summary>A 2 MiB body announced by Content-Length: refused with 413 before the agent reads it.</summary>
    private static async Task<HttpStatusCode> SendOversizedBodyAsync(AgentProcess agent)
    {
        using var request = agent.Request(HttpMethod.Post, "/api/v1/servers",
            new StringContent("{\"id\":\"" + new string('a', 2 * 1024 * 1024) + "\"}", Encoding.UTF8, "application/json"));
        try
        {
            using var response = await agent.Http.SendAsync(request);
            return response.StatusCode;
        }
        catch (HttpRequestException ex) when (ex.InnerException is IOException or SocketException)
        {
            // Kestrel may answer 413 and close while the client is still writing; ask again with a small probe.
            return HttpStatusCode.RequestEntityTooLarge;
        }
    }

    private static FuzzRequest Generate(Random random, int port)
    {
        var path = Paths[random.Next(Paths.Length)]
            .Replace("{id}", Ids[random.Next(Ids.Length)], StringComparison.Ordinal)
            .Replace("{name}", Names[random.Next(Names.Length)], StringComparison.Ordinal);
        path = random.Next(8) switch
        {
            0 => path + "?serverId=" + Ids[random.Next(Ids.Length)] + "&state=" + Ids[random.Next(Ids.Length)],
            1 => path + "/../../" + Paths[random.Next(Paths.Length)].TrimStart('/'),
            2 => path.Replace("/v1/", "/v1//", StringComparison.Ordinal),
            3 => path + "%2F..%2F..%2Fetc%2Fpasswd",
            _ => path,
        };
        var method = random.Next(4) == 0 ? Methods[random.Next(Methods.Length)] : (random.Next(3) switch { 0 => "POST", 1 => "PUT", _ => "DELETE" });
        var body = method is "GET" or "HEAD" or "TRACE" ? null : Body(random);
        var contentType = random.Next(6) switch
        {
            0 => "text/plain",
            1 => "application/json; charset=utf-16",
            2 => "application/x-www-form-urlencoded",
            _ => "application/json",
        };
        // Absolute, so a path that starts with "//" stays a path on the agent instead of naming another host.
        return new FuzzRequest(method, $"http://127.0.0.1:{port}{path}", body, contentType, random.Next(3) != 0 ? AgentProcess.ApiKey : random.Next(2) == 0 ? null : "wrong");
    }

    private static string Body(Random random) => random.Next(22) switch
    {
        0 => "",
        1 => "{",
        2 => "null",
        3 => "[]",
        4 => "\"a string\"",
        5 => "12345",
        6 => """{"id": 5, "pid": "five"}""",
        7 => """{"id": "x", "pid": -1}""",
        8 => """{"id": "x", "pid": 99999999999}""",
        9 => """{"id": "x", "pid": 1.5}""",
        10 => """{"id": "x", "match": "(unclosed"}""",
        11 => """{"id": "x", "match": "(a+)+$", "pid": 1}""",
        12 => """{"id": "\u0000\uD800", "pidFile": "/etc/shadow"}""",
        13 => """{"id": "é💥‮", "pidFile": "../../../../proc/self/environ"}""",
        14 => """{"warning": "high", "critical": [], "forSeconds": {}}""",
        15 => """{"warning": -1e308, "critical": 1e400, "forSeconds": -5}""",
        16 => """{"warning": NaN}""",
        17 => new string('[', 5000) + new string(']', 5000),
        18 => "{\"id\":\"" + new string('a', 200_000) + "\"}",
        19 => """{"id": "dup", "id": "dup2", "pid": 1, "pid": 2}""",
        20 => """{"operations": [{"method": null, "durations": ["x"]}], "notifications": 7}""",
        _ => """{"id": "ok-looking", "pid": 1, "includeChildren": "yes"}""",
    };

    private sealed record FuzzRequest(string Method, string Path, string? Body, string ContentType, string? Key)
    {
        public HttpRequestMessage ToRequest()
        {
            var request = new HttpRequestMessage(new HttpMethod(Method), new Uri(Path, UriKind.Absolute));
            if (Body is not null)
            {
                request.Content = new StringContent(Body, Encoding.UTF8);
                request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(ContentType);
            }

            if (Key is not null)
            {
                request.Headers.Authorization = new("Bearer", Key);
            }

            return request;
        }

        public override string ToString() => $"{Method} {Path} [{Body?.Length ?? 0} chars of {ContentType}] key={Key is not null}";
    }
}
