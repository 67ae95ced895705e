namespace McpOtelAgent.Probes.Linux;

/// <summary><c>/proc/[pid]/statm</c> in pages: total program size, resident set, resident shared (file-backed).</summary>
internal readonly record struct StatmFields(ulong SizePages, ulong ResidentPages, ulong SharedPages);
