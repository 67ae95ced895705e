using McpOtelAgent.Lifecycle;
using McpOtelAgent.Mcp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace McpOtelAgent.Tests.Lifecycle.Support;

/// <summary>Declared servers for tests, with restart delays short enough for a test and graces that end quickly.</summary>
internal static class ServerFactory
{
    public static readonly RestartPolicy FastRestart = RestartPolicy.Default with
    {
        BaseDelay = TimeSpan.FromMilliseconds(100),
        MaxDelay = TimeSpan.FromSeconds(1),
        MinUptime = TimeSpan.FromSeconds(30),
    };

    public static McpServerDefinition Stdio(
        string id, string command, IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? env = null, RestartPolicy? restart = null) => new()
    {
        Id = id,
        ConfigPath = $"mcpServers:{id}",
        Transport = McpTransportKind.Stdio,
        Command = command,
        Args = args,
        Env = env ?? new Dictionary<string, string>(),
        Restart = restart ?? FastRestart,
        Stop = new StopPolicy(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3)),
        Probe = McpProbeSettings.Default with { Timeout = TimeSpan.FromSeconds(20) },
    };

    public static McpServerDefinition ServerMemory(string id, string memoryDir) =>
        Stdio(id, NpmFixtures.Node, [NpmFixtures.ServerMemory], new Dictionary<string, string> { ["MEMORY_FILE_PATH"] = Path.Combine(memoryDir, "memory.jsonl") });

    public static ManagedServer Manage(McpServerDefinition definition, TimeProvider? time = null, ILogger? logger = null) =>
        new(definition, time ?? TimeProvider.System, logger ?? NullLogger.Instance, static line => line);

    public static McpServerMonitor Monitor(McpServerDefinition definition, ManagedServer? managed) =>
        new(definition, managed, TimeProvider.System, NullLoggerFactory.Instance);
}
