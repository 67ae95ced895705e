using System.Text.RegularExpressions;
using McpOtelAgent.Configuration;

namespace McpOtelAgent.Targets;

/// <summary>
/// Turns a <see cref="TargetOptions"/> (from the config file or the API) into a <see cref="TargetDefinition"/>. The
/// config validator and the API share <see cref="Validate"/>, so both reject the same input with the same words.
/// </summary>
internal static class TargetSpec
{
    public static List<TargetSpecError> Validate(TargetOptions options)
    {
        var errors = new List<TargetSpecError>();
        var given = (options.Pid is null ? 0 : 1) + (options.PidFile is null ? 0 : 1) + (options.Match is null ? 0 : 1);
        if (given != 1)
        {
            errors.Add(new(nameof(TargetOptions.Pid), "exactly one of Pid, PidFile or Match is required"));
        }

        if (options.Pid is <= 0)
        {
            errors.Add(new(nameof(TargetOptions.Pid), "must be a positive process id"));
        }

        if (options.PidFile is not null && string.IsNullOrWhiteSpace(options.PidFile))
        {
            errors.Add(new(nameof(TargetOptions.PidFile), "must be a file path"));
        }

        if (options.Match is not null && TryCompile(options.Match, out var error) is null)
        {
            errors.Add(new(nameof(TargetOptions.Match), $"is not a valid regular expression: {error}"));
        }

        return errors;
    }

    /// <summary>Builds the definition of a spec that <see cref="Validate"/> accepted.</summary>
    public static TargetDefinition ToDefinition(string serverId, TargetOptions options, TargetOrigin origin)
    {
        ITargetRootSource root = options switch
        {
            { Pid: { } pid } => new PidRootSource(pid),
            { PidFile: { } path } => new PidFileRootSource(path),
            { Match: { } pattern } => new MatchRootSource(TryCompile(pattern, out _)
                ?? throw new ArgumentException($"invalid pattern for {serverId}", nameof(options))),
            _ => throw new ArgumentException($"no pid, pidFile or match for {serverId}", nameof(options)),
        };
        return new TargetDefinition(serverId, root, options.IncludeChildren, origin);
    }

    /// <summary>
    /// Compiles a user's pattern; null and the reason when it is not valid. <see cref="RegexOptions.NonBacktracking"/>
    /// makes a match linear in the command line (at most 256 KiB), which bounds a hostile pattern where a timeout
    /// would not: a timeout bounds one call, not a sweep of thousands, and under load it fired on harmless patterns
    /// too (the engine builds its automaton lazily on the first matches), so a match target read as down. No timeout.
    /// Backreferences and lookarounds are refused, as that engine does not support them.
    /// </summary>
    public static Regex? TryCompile(string pattern, out string? error)
    {
        try
        {
            error = null;
            return new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            error = ex.Message;
            return null;
        }
    }
}
