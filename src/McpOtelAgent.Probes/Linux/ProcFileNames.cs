namespace McpOtelAgent.Probes.Linux;

/// <summary>NUL-terminated names of the per-process files, for <c>openat</c> on a <c>/proc/[pid]</c> directory.</summary>
internal static class ProcFileNames
{
    public const int Count = 7;

    public static ReadOnlySpan<byte> Get(ProcFile file) => file switch
    {
        ProcFile.Stat => "stat\0"u8,
        ProcFile.Statm => "statm\0"u8,
        ProcFile.Status => "status\0"u8,
        ProcFile.Io => "io\0"u8,
        ProcFile.Limits => "limits\0"u8,
        ProcFile.Cmdline => "cmdline\0"u8,
        _ => "fd\0"u8,
    };

    public static string Display(ProcFile file) => file switch
    {
        ProcFile.Stat => "stat",
        ProcFile.Statm => "statm",
        ProcFile.Status => "status",
        ProcFile.Io => "io",
        ProcFile.Limits => "limits",
        ProcFile.Cmdline => "cmdline",
        _ => "fd",
    };
}
