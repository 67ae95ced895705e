namespace McpOtelAgent.Tests.Agent.Support;

/// <summary>The Prometheus names of every per-server metric of the agent's process instruments (docs/metrics.md).</summary>
internal static class AgentMetrics
{
    public static readonly string[] PerServer =
    [
        "process_cpu_time_seconds_total",
        "process_cpu_utilization",
        "process_memory_usage_bytes",
        "process_memory_virtual_bytes",
        "process_memory_utilization",
        "process_disk_io_bytes_total",
        "process_disk_operations_total",
        "process_thread_count",
        "process_unix_file_descriptor_count",
        "process_context_switches_total",
        "process_paging_faults_total",
        "process_uptime_seconds",
        "mcp_server_up",
        "mcp_server_info",
        "mcp_server_process_count",
        "mcp_server_process_state",
        "mcp_server_memory_shared_bytes",
        "mcp_server_io_chars_bytes_total",
        "mcp_server_open_files",
        "mcp_server_connections",
        "mcp_server_file_descriptor_limit",
        "mcp_server_file_descriptor_utilization",
    ];
}
