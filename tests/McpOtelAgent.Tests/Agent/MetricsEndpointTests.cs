using McpOtelAgent.Tests.Agent.Support;
using McpOtelAgent.Tests.Support;

namespace McpOtelAgent.Tests.Agent;

public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Metrics_AttachedChildTree_EveryMetricHasItsServerId()
    {
        using var child = ChildProcess.Idle("every-metric");
        await using var agent = await RunningAgent.StartAsync($$"""
            { "Agent": { "Servers": { "child": { "Pid": {{child.Pid}} } } } }
            """);

        // CPU utilization needs two samples: once it is there, every other series is too.
        var text = await agent.ScrapeUntilAsync(t => Exposition.Has(t, "process_cpu_utilization", "child"), "a second sample");

        var missing = AgentMetrics.PerServer.Where(name => !Exposition.Has(text, name, "child")).ToArray();
        Assert.Empty(missing);
        Assert.Equal(1, Exposition.Value(text, "mcp_server_up", ("server_id", "child")));
        Assert.Equal(1, Exposition.Value(text, "mcp_server_up", ("server_id", "mcp-otel-agent")));
        Assert.Equal(1, Exposition.Value(text, "mcp_server_info", ("server_id", "child"), ("process_pid", child.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.NotNull(Exposition.Value(text, "process_cpu_time_seconds_total", ("server_id", "child"), ("cpu_mode", "user")));
        Assert.NotNull(Exposition.Value(text, "process_cpu_time_seconds_total", ("server_id", "child"), ("cpu_mode", "system")));
        Assert.Contains("service_name=\"mcp-otel-agent\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_RunningUnderTheJit_KeepsTheRuntimeSeriesThatNativeAotDrops()
    {
        // The tests run under the JIT; the Native AOT test checks that the same series are dropped there.
        await using var agent = await RunningAgent.StartAsync("""{ "Agent": { "Servers": {} } }""");

        var text = await agent.ScrapeUntilAsync(t => t.Contains("\ndotnet_gc_collections_total{", StringComparison.Ordinal), "runtime series");

        Assert.Contains("\ndotnet_jit_compiled_methods_total", text, StringComparison.Ordinal);
        Assert.Contains("\ndotnet_assembly_count", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Metrics_RuntimeProcessSeries_OnlyWhenTheAgentIsNotItsOwnTarget(bool selfMonitored)
    {
        await using var agent = await RunningAgent.StartAsync($$"""
            { "Agent": { "Servers": {}, "SelfMonitoring": { "Enabled": {{(selfMonitored ? "true" : "false")}} } } }
            """);

        var text = await agent.ScrapeUntilAsync(
            t => t.Contains("\ndotnet_gc_collections_total{", StringComparison.Ordinal)
                && (!selfMonitored || Exposition.Has(t, "process_memory_usage_bytes", "mcp-otel-agent")),
            "runtime series and the agent's own target");

        Assert.Equal(!selfMonitored, text.Contains("\ndotnet_process_cpu_time_seconds_total", StringComparison.Ordinal));
        Assert.Equal(!selfMonitored, text.Contains("\ndotnet_process_memory_working_set_bytes", StringComparison.Ordinal));
        Assert.Contains("\ndotnet_process_cpu_count", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_ServerAttachedThroughTheApi_ShowsItsSeriesAndLosesThemOnDelete()
    {
        using var child = ChildProcess.Idle("attached-later");
        var environment = new System.Collections.Hashtable { ["MCPOTEL_API_KEY"] = RunningAgent.ApiKey };
        await using var agent = await RunningAgent.StartAsync(environment: environment);

        using var add = agent.Request(HttpMethod.Post, "/api/v1/servers",
            content: Json($$"""{ "id": "late", "pid": {{child.Pid}} }"""));
        Assert.Equal(System.Net.HttpStatusCode.Created, (await agent.Http.SendAsync(add)).StatusCode);
        await agent.ScrapeUntilAsync(t => Exposition.Has(t, "process_memory_usage_bytes", "late"), "the attached server's series");

        using var remove = agent.Request(HttpMethod.Delete, "/api/v1/servers/late");
        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await agent.Http.SendAsync(remove)).StatusCode);
        await agent.ScrapeUntilAsync(t => !Exposition.Has(t, "mcp_server_up", "late"), "the removed server's series to vanish");
    }

    [Fact]
    public async Task Metrics_PidFileWrittenLater_UpGoesFromZeroToOne()
    {
        using var child = ChildProcess.Idle("pid-file");
        var dir = Directory.CreateTempSubdirectory("mcpotel-pidfile-").FullName;
        try
        {
            var pidFile = Path.Combine(dir, "server.pid");
            await using var agent = await RunningAgent.StartAsync($$"""
                { "Agent": { "Servers": { "pf": { "PidFile": "{{pidFile}}" } } } }
                """);

            await agent.ScrapeUntilAsync(t => Exposition.Value(t, "mcp_server_up", ("server_id", "pf")) == 0, "up 0");
            var status = await agent.Http.GetStringAsync("/api/v1/servers/pf");
            Assert.Contains($"pid file missing: {pidFile}", status, StringComparison.Ordinal);

            await File.WriteAllTextAsync(pidFile, $"{child.Pid}\n");
            var text = await agent.ScrapeUntilAsync(t => Exposition.Value(t, "mcp_server_up", ("server_id", "pf")) == 1, "up 1");
            Assert.True(Exposition.Has(text, "process_memory_usage_bytes", "pf"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Metrics_MatchTargetRestarts_FoundAgainUnderTheSameServerId()
    {
        var marker = "match-restart-" + Guid.NewGuid().ToString("N");
        await using var agent = await RunningAgent.StartAsync($$"""
            { "Agent": { "Servers": { "m": { "Match": "{{marker}}" } } } }
            """);
        int firstPid;
        using (var first = ChildProcess.Idle(marker))
        {
            firstPid = first.Pid;
            await Poll.UntilAsync(() => agent.Http.GetStringAsync("/api/v1/servers/m"),
                s => s.Contains($"\"pid\":{first.Pid}", StringComparison.Ordinal), "the first process");
        }

        await Poll.UntilAsync(() => agent.Http.GetStringAsync("/api/v1/servers/m"),
            s => s.Contains("no process matches", StringComparison.Ordinal), "the target to go down");

        using var second = ChildProcess.Idle(marker);
        Assert.NotEqual(firstPid, second.Pid);
        await Poll.UntilAsync(() => agent.Http.GetStringAsync("/api/v1/servers/m"),
            s => s.Contains($"\"pid\":{second.Pid}", StringComparison.Ordinal) && s.Contains("\"state\":\"up\"", StringComparison.Ordinal),
            "the restarted process");
        var text = await agent.ScrapeUntilAsync(t => Exposition.Value(t, "mcp_server_up", ("server_id", "m")) == 1, "up 1");
        Assert.True(Exposition.Has(text, "process_cpu_time_seconds_total", "m"));
    }

    [Fact]
    public async Task Outputs_ServerWithASecretArgument_NeverShowTheSecret()
    {
        var info = new System.Diagnostics.ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        foreach (var argument in new[] { "-c", "while :; do sleep 1; done", "server", "--api-key=s3cret", "--token", "t0ken" })
        {
            info.ArgumentList.Add(argument);
        }

        using var child = ChildProcess.Start(info);
        await using var agent = await RunningAgent.StartAsync($$"""
            { "Agent": { "Servers": { "secretive": { "Pid": {{child.Pid}} } } } }
            """);

        var metrics = await agent.ScrapeUntilAsync(t => Exposition.Has(t, "mcp_server_info", "secretive"), "the info series");
        var outputs = new[]
        {
            metrics,
            await agent.Http.GetStringAsync("/api/v1/servers"),
            await agent.Http.GetStringAsync("/api/v1/servers/secretive"),
            await agent.Http.GetStringAsync("/api/v1/servers/secretive/metrics/extended"),
        };

        Assert.All(outputs, o => Assert.DoesNotContain("s3cret", o, StringComparison.Ordinal));
        Assert.All(outputs, o => Assert.DoesNotContain("t0ken", o, StringComparison.Ordinal));
        Assert.Contains("--api-key=*** --token ***", metrics, StringComparison.Ordinal);
        using var extended = System.Text.Json.JsonDocument.Parse(outputs[3]);
        Assert.Equal(
            ["/bin/sh", "-c", "while :; do sleep 1; done", "server", "--api-key=***", "--token", "***"],
            extended.RootElement.GetProperty("cmdline").EnumerateArray().Select(e => e.GetString()));
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
