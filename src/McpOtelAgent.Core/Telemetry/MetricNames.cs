namespace McpOtelAgent.Telemetry;

/// <summary>
/// Every metric name of the agent, with its Prometheus name as the exporter writes it. OpenTelemetry semantic
/// conventions where they define one (process.*), <c>mcp.server.*</c> for the rest. Other areas add theirs in
/// <c>MetricNames.&lt;Area&gt;.cs</c>.
/// </summary>
internal static partial class MetricNames
{
    /// <summary>process_cpu_time_seconds_total (counter, s; cpu.mode).</summary>
    public const string CpuTime = "process.cpu.time";

    /// <summary>process_cpu_utilization (gauge, 1): CPU percent / 100 / CPUs available.</summary>
    public const string CpuUtilization = "process.cpu.utilization";

    /// <summary>process_memory_usage_bytes (updown counter, By): resident set size.</summary>
    public const string MemoryUsage = "process.memory.usage";

    /// <summary>process_memory_virtual_bytes (updown counter, By).</summary>
    public const string MemoryVirtual = "process.memory.virtual";

    /// <summary>process_memory_utilization (gauge, 1): RSS / MemTotal.</summary>
    public const string MemoryUtilization = "process.memory.utilization";

    /// <summary>process_disk_io_bytes_total (counter, By; disk.io.direction): storage bytes.</summary>
    public const string DiskIo = "process.disk.io";

    /// <summary>process_disk_operations_total (counter, {operation}; disk.io.direction): read/write syscalls.</summary>
    public const string DiskOperations = "process.disk.operations";

    /// <summary>process_thread_count (updown counter, {thread}).</summary>
    public const string ThreadCount = "process.thread.count";

    /// <summary>process_unix_file_descriptor_count (updown counter, {file_descriptor}).</summary>
    public const string FileDescriptorCount = "process.unix.file_descriptor.count";

    /// <summary>process_context_switches_total (counter, {context_switch}; process.context_switch.type).</summary>
    public const string ContextSwitches = "process.context_switches";

    /// <summary>process_paging_faults_total (counter, {fault}; system.paging.fault.type).</summary>
    public const string PagingFaults = "process.paging.faults";

    /// <summary>process_uptime_seconds (gauge, s): of the root process.</summary>
    public const string Uptime = "process.uptime";

    /// <summary>mcp_server_up (gauge, 1): 1 when the target has a live process, 0 when configured but down.</summary>
    public const string Up = "mcp.server.up";

    /// <summary>mcp_server_info (gauge, 1): always 1; exe name, pid and redacted command of the root as attributes.</summary>
    public const string Info = "mcp.server.info";

    /// <summary>mcp_server_process_count (updown counter, {process}): processes in the tree.</summary>
    public const string ProcessCount = "mcp.server.process.count";

    /// <summary>mcp_server_process_state (gauge, 1; process.state): 1 for the root's current scheduler state.</summary>
    public const string ProcessState = "mcp.server.process.state";

    /// <summary>mcp_server_memory_shared_bytes (updown counter, By): resident shared memory.</summary>
    public const string MemoryShared = "mcp.server.memory.shared";

    /// <summary>mcp_server_io_chars_bytes_total (counter, By; disk.io.direction): bytes through read/write syscalls.</summary>
    public const string IoChars = "mcp.server.io.chars";

    /// <summary>mcp_server_open_files (updown counter, {file}): regular files open.</summary>
    public const string OpenFiles = "mcp.server.open_files";

    /// <summary>mcp_server_connections (updown counter, {connection}): inet sockets (TCP/UDP, v4/v6).</summary>
    public const string Connections = "mcp.server.connections";

    /// <summary>mcp_server_file_descriptor_limit (updown counter, {file_descriptor}): RLIMIT_NOFILE soft limit of the root.</summary>
    public const string FileDescriptorLimit = "mcp.server.file_descriptor.limit";

    /// <summary>mcp_server_file_descriptor_utilization (gauge, 1): highest open fds / limit over the tree.</summary>
    public const string FileDescriptorUtilization = "mcp.server.file_descriptor.utilization";

    /// <summary>mcp_agent_probe_errors_total (counter, {error}; reason): probe outcomes other than ok.</summary>
    public const string ProbeErrors = "mcp.agent.probe.errors";

    /// <summary>mcp_agent_targets (updown counter, {target}): targets registered.</summary>
    public const string Targets = "mcp.agent.targets";
}
