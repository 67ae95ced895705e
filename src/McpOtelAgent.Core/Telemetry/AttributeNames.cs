namespace McpOtelAgent.Telemetry;

/// <summary>Every attribute key the agent puts on its series. Other areas add theirs in <c>AttributeNames.&lt;Area&gt;.cs</c>.</summary>
internal static partial class AttributeNames
{
    /// <summary>On every per-server series: the stable id of the MCP server.</summary>
    public const string ServerId = "server_id";

    public const string CpuMode = "cpu.mode";

    public const string DiskIoDirection = "disk.io.direction";

    public const string ContextSwitchType = "process.context_switch.type";

    public const string PagingFaultType = "system.paging.fault.type";

    public const string ProcessState = "process.state";

    /// <summary>Only on <see cref="MetricNames.Info"/>, never on another series.</summary>
    public const string ExecutableName = "process.executable.name";

    /// <summary>Only on <see cref="MetricNames.Info"/>, never on another series.</summary>
    public const string Pid = "process.pid";

    /// <summary>Only on <see cref="MetricNames.Info"/>, redacted and shortened.</summary>
    public const string CommandLine = "process.command_line";

    public const string Reason = "reason";
}
