using System.Diagnostics;
using System.Globalization;
using System.Text;
using McpOtelAgent.Wrapping;
using OpenTelemetry.Metrics;
using WrapOverhead;

// Usage: dotnet run -c Release --project bench/WrapOverhead [-- ROUNDS REQUESTS_PER_ROUND]
// Each round runs the same requests against the server started directly and through the wrapper, alternating, so both
// see the same machine noise. Reported: round-trip latency percentiles per mode and the difference of the medians.
var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
var perRound = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;

var root = FindRepositoryRoot();
var everything = Path.Combine(root, "tests", "fixtures", "npm", "node_modules", "@modelcontextprotocol", "server-everything", "dist", "index.js");
var replyServer = Path.Combine(AppContext.BaseDirectory, "reply-server.js");
var agent = Path.Combine(AppContext.BaseDirectory, "mcp-otel-agent.dll");

Console.WriteLine($"# Wrapper overhead: {rounds} rounds x {perRound} sequential requests per mode, {Environment.ProcessorCount} CPUs");
Console.WriteLine();
Console.WriteLine("| server | request | mode | p50 µs | p90 µs | p99 µs | median overhead µs |");
Console.WriteLine("| --- | --- | --- | ---: | ---: | ---: | ---: |");
foreach (var (serverName, server, request) in new[]
{
    ("reply-server.js", new[] { replyServer }, """{"jsonrpc":"2.0","id":ID,"method":"ping"}"""),
    ("server-everything", new[] { everything, "stdio" }, """{"jsonrpc":"2.0","id":ID,"method":"tools/call","params":{"name":"echo","arguments":{"message":"overhead"}}}"""),
})
{
    var direct = new List<double>();
    var wrapped = new List<double>();
    for (var round = 0; round < rounds; round++)
    {
        direct.AddRange(await MeasureAsync("node", server, request, perRound));
        wrapped.AddRange(await MeasureAsync("dotnet", [agent, "wrap", "--server-id", "bench", "--", "node", .. server], request, perRound));
    }

    var method = request.Contains("tools/call", StringComparison.Ordinal) ? "tools/call echo" : "ping";
    Console.WriteLine($"| {serverName} | {method} | direct | {P(direct, 50)} | {P(direct, 90)} | {P(direct, 99)} | |");
    Console.WriteLine($"| {serverName} | {method} | wrapped | {P(wrapped, 50)} | {P(wrapped, 90)} | {P(wrapped, 99)} | {Percentile(wrapped, 50) - Percentile(direct, 50):F0} |");
}

Console.WriteLine();
Console.WriteLine(ObserverCost());

static async Task<List<double>> MeasureAsync(string fileName, string[] arguments, string requestTemplate, int count)
{
    var startInfo = new ProcessStartInfo(fileName) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var argument in arguments)
    {
        startInfo.ArgumentList.Add(argument);
    }

    using var process = Process.Start(startInfo)!;
    process.ErrorDataReceived += (_, _) => { };
    process.BeginErrorReadLine();
    var input = process.StandardInput.BaseStream;
    var output = new LineReader(process.StandardOutput.BaseStream);
    var initialize = """{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}""";
    await RoundTripAsync(input, output, initialize, "0");
    await input.WriteAsync(Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","method":"notifications/initialized"}""" + "\n"));

    var latencies = new List<double>(count);
    const int Warmup = 200;
    for (var i = 1; i <= count + Warmup; i++)
    {
        var id = i.ToString(CultureInfo.InvariantCulture);
        var started = Stopwatch.GetTimestamp();
        await RoundTripAsync(input, output, requestTemplate.Replace("ID", id, StringComparison.Ordinal), id);
        if (i > Warmup)
        {
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
        }
    }

    process.StandardInput.Close();
    await process.WaitForExitAsync();
    return latencies;
}

static async Task RoundTripAsync(Stream input, LineReader output, string request, string id)
{
    await input.WriteAsync(Encoding.UTF8.GetBytes(request + "\n"));
    await input.FlushAsync();
    var reply = $"\"id\":{id}}}";
    while (true)
    {
        var line = await output.ReadLineAsync() ?? throw new EndOfStreamException("server closed stdout");
        if (line.EndsWith(reply, StringComparison.Ordinal) && !line.Contains("\"method\"", StringComparison.Ordinal))
        {
            return;
        }
    }
}

// The wrapper's own work per message, without any process: parse one request and one reply and record the duration
// into the OpenTelemetry SDK (aggregation on, as when exporting).
static string ObserverCost()
{
    using var meter = new System.Diagnostics.Metrics.Meter("WrapOverhead");
    using var provider = OpenTelemetry.Sdk.CreateMeterProviderBuilder().AddMeter(meter.Name).Build();
    var observer = new McpTrafficObserver(new WrapMetricsSink(new WrapMetrics(meter), "bench"), TimeProvider.System);
    var request = Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"message":"overhead"}}}""");
    var reply = Encoding.UTF8.GetBytes("""{"result":{"content":[{"type":"text","text":"Echo: overhead"}]},"jsonrpc":"2.0","id":1}""");
    const int Iterations = 1_000_000;
    for (var i = 0; i < 100_000; i++)
    {
        observer.Observe(MessageDirection.ClientToServer, request);
        observer.Observe(MessageDirection.ServerToClient, reply);
    }

    var allocated = GC.GetAllocatedBytesForCurrentThread();
    var started = Stopwatch.GetTimestamp();
    for (var i = 0; i < Iterations; i++)
    {
        observer.Observe(MessageDirection.ClientToServer, request);
        observer.Observe(MessageDirection.ServerToClient, reply);
    }

    var elapsed = Stopwatch.GetElapsedTime(started);
    var bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (2.0 * Iterations);
    return $"Observer alone (parse + match + record into the OpenTelemetry SDK): {elapsed.TotalNanoseconds / (2.0 * Iterations):F0} ns and {bytes:F0} B allocated per message.";
}

static string P(List<double> values, double percentile) => Percentile(values, percentile).ToString("F0", CultureInfo.InvariantCulture);

static double Percentile(List<double> values, double percentile)
{
    var sorted = values.Order().ToList();
    return sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(percentile / 100 * sorted.Count) - 1)];
}

static string FindRepositoryRoot()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "McpOtelAgent.sln")))
        {
            return directory.FullName;
        }
    }

    throw new InvalidOperationException("run from inside the repository");
}
