using System.Collections;
using McpOtelAgent.Mcp;

namespace McpOtelAgent.Lifecycle;

/// <summary>
/// Turns a declared stdio server into a <see cref="LaunchSpec"/>, resolving the command on PATH first. Launching goes
/// through <c>setsid</c>, which would report a missing command only as exit code 1; resolving here tells
/// "failed to start" apart from "crashed".
/// </summary>
internal static class LaunchResolver
{
    /// <summary>The agent's own settings never reach a child: its API key is a secret the servers have no use for.</summary>
    private const string AgentEnvironmentPrefix = "MCPOTEL_";

    /// <summary>The <c>setsid</c> of util-linux, found once on the agent's PATH; null when missing.</summary>
    public static string? SetsidPath { get; } = ResolveExecutable("setsid", System.Environment.GetEnvironmentVariable("PATH"), null);

    public static bool TryResolve(McpServerDefinition definition, out LaunchSpec? spec, out string? error)
    {
        spec = null;
        var environment = BuildEnvironment(definition.Env);
        var cwd = definition.WorkingDirectory;
        if (cwd is not null && !Directory.Exists(cwd))
        {
            error = $"working directory '{cwd}' does not exist";
            return false;
        }

        var command = definition.Command ?? string.Empty;
        var executable = ResolveExecutable(command, environment.GetValueOrDefault("PATH"), cwd);
        if (executable is null)
        {
            error = $"command '{command}' not found or not executable";
            return false;
        }

        spec = new LaunchSpec(definition.Id, executable, definition.Args, environment, cwd);
        error = null;
        return true;
    }

    private static Dictionary<string, string> BuildEnvironment(IReadOnlyDictionary<string, string> overrides)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry variable in System.Environment.GetEnvironmentVariables())
        {
            var name = (string)variable.Key;
            if (!name.StartsWith(AgentEnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
            {
                environment[name] = (string?)variable.Value ?? string.Empty;
            }
        }

        foreach (var (name, value) in overrides)
        {
            environment[name] = value;
        }

        return environment;
    }

    private static string? ResolveExecutable(string command, string? path, string? cwd)
    {
        if (command.Length == 0)
        {
            return null;
        }

        if (command.Contains('/', StringComparison.Ordinal))
        {
            var full = Path.GetFullPath(command, cwd ?? System.Environment.CurrentDirectory);
            return IsExecutableFile(full) ? full : null;
        }

        foreach (var dir in (path ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, command);
            if (IsExecutableFile(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool IsExecutableFile(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & anyExecute) != 0;
    }
}
