namespace McpOtelAgent.Configuration;

/// <summary>
/// One attached target (<c>Agent:Servers:&lt;server_id&gt;</c>, or the body of <c>POST /api/v1/servers</c>): exactly one
/// of <see cref="Pid"/>, <see cref="PidFile"/> or <see cref="Match"/>.
/// </summary>
internal sealed class TargetOptions
{
    public int? Pid { get; set; }

    /// <summary>Re-read every interval, so a server that rewrites it on restart is followed.</summary>
    public string? PidFile { get; set; }

    /// <summary>Regex over the command line and the process name, re-run every interval.</summary>
    public string? Match { get; set; }

    /// <summary>Sum over the process tree (a server launched by npx/uvx/a shell is the wrapper plus the real child).</summary>
    public bool IncludeChildren { get; set; } = true;
}
