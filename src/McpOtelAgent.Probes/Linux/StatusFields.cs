namespace McpOtelAgent.Probes.Linux;

/// <summary>The lines of <c>/proc/[pid]/status</c> that <c>stat</c> lacks: real uid and context switches.</summary>
internal readonly record struct StatusFields(uint RealUid, ulong VoluntaryContextSwitches, ulong InvoluntaryContextSwitches);
