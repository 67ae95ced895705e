namespace McpOtelAgent.Probes.Linux;

/// <summary>The per-process /proc files a probe may keep open between samples.</summary>
internal enum ProcFile
{
    Stat = 0,
    Statm,
    Status,
    Io,
    Limits,
    Cmdline,
    FdDirectory,
}
