using System.Text.RegularExpressions;
using McpOtelAgent.Probes;
using McpOtelAgent.Redaction;
using McpOtelAgent.Targets;

namespace McpOtelAgent.Discovery;

/// <summary>
/// Finds MCP server processes in one sweep. A process counts when its command line matches a built-in pattern
/// (<c>@modelcontextprotocol/</c>, <c>mcp-server</c>, <c>mcp_server</c>, <c>fastmcp</c>, <c>mcp-proxy</c>, which also
/// covers <c>npx</c>, <c>uvx</c> and <c>python -m</c> launches of such packages) or an include pattern, and no exclude
/// pattern. A process whose parent counts too is part of its parent's launch tree and is not reported again.
/// </summary>
internal sealed partial class McpProcessDetector
{
    private readonly Regex[] _include;
    private readonly Regex[] _exclude;
    private readonly string _idTemplate;

    public McpProcessDetector(DiscoveryOptions options)
    {
        // Invalid patterns never get here: the options validator rejects them at start-up.
        _include = [BuiltIn(), .. options.Include.Select(p => TargetSpec.TryCompile(p, out _)).OfType<Regex>()];
        _exclude = [.. options.Exclude.Select(p => TargetSpec.TryCompile(p, out _)).OfType<Regex>()];
        _idTemplate = options.IdTemplate;
    }

    /// <param name="sweep">The scan to search.</param>
    /// <param name="monitoredPids">Every pid already in a target's tree, with that target's id.</param>
    /// <param name="readArguments">The argument vector of a pid, for the name and the redacted command.</param>
    public List<DiscoveredServer> Detect(
        ProcessSweep sweep, IReadOnlyDictionary<int, string> monitoredPids, Func<int, IReadOnlyList<string>?> readArguments)
    {
        var self = Environment.ProcessId;
        var found = new List<DiscoveredServer>();
        var descendants = new List<int>();
        foreach (var key in sweep.Processes)
        {
            var pid = key.Pid;
            if (pid == self || !Matches(pid, sweep) || (sweep.TryGetParent(pid, out var parent) && parent > 1 && parent != self && Matches(parent, sweep)))
            {
                continue;
            }

            descendants.Clear();
            sweep.CollectDescendants(pid, descendants);
            var arguments = readArguments(pid) ?? sweep.GetCommandLine(pid).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var name = ServerName(arguments) ?? sweep.GetName(pid);
            var monitoredBy = MonitoredBy(pid, descendants, monitoredPids);
            found.Add(new DiscoveredServer(
                key,
                name,
                SecretRedactor.RedactCommandLine(arguments),
                descendants.Count + 1,
                monitoredBy is not null,
                monitoredBy ?? ServerIdTemplate.Apply(_idTemplate, name, pid)));
        }

        found.Sort(static (a, b) => a.Pid.CompareTo(b.Pid));
        return found;
    }

    /// <summary>
    /// The package or program a command line runs: <c>server-memory</c> for <c>npx -y @modelcontextprotocol/server-memory</c>
    /// or its installed <c>.../@modelcontextprotocol/server-memory/dist/index.js</c>, <c>mcp-server-fetch</c> for
    /// <c>uvx mcp-server-fetch</c>, <c>mcp_server_git</c> for <c>python -m mcp_server_git</c>.
    /// </summary>
    public static string? ServerName(IReadOnlyList<string> arguments)
    {
        const string Scope = "@modelcontextprotocol/";
        foreach (var argument in arguments)
        {
            var scope = argument.IndexOf(Scope, StringComparison.Ordinal);
            if (scope >= 0)
            {
                var package = argument[(scope + Scope.Length)..];
                var end = package.IndexOfAny(['/', '@', ' ']);
                return end > 0 ? package[..end] : package;
            }
        }

        foreach (var argument in arguments)
        {
            var file = Path.GetFileNameWithoutExtension(argument.TrimEnd('/'));
            if (BuiltIn().IsMatch(file))
            {
                return file;
            }
        }

        return null;
    }

    /// <summary>
    /// The target whose tree (as of this sweep) holds the server or one of its processes. Ancestors do not count: a
    /// target that includes children lists them in its tree already, and one that does not (the agent itself) does not
    /// cover them.
    /// </summary>
    private static string? MonitoredBy(int pid, List<int> descendants, IReadOnlyDictionary<int, string> monitoredPids)
    {
        if (monitoredPids.TryGetValue(pid, out var id))
        {
            return id;
        }

        foreach (var child in descendants)
        {
            if (monitoredPids.TryGetValue(child, out id))
            {
                return id;
            }
        }

        return null;
    }

    private bool Matches(int pid, ProcessSweep sweep)
    {
        var commandLine = sweep.GetCommandLine(pid);
        if (commandLine.Length == 0)
        {
            return false;
        }

        return _include.Any(r => r.IsMatch(commandLine)) && !_exclude.Any(r => r.IsMatch(commandLine));
    }

    [GeneratedRegex(@"@modelcontextprotocol/|mcp-server|mcp_server|fastmcp|mcp-proxy", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex BuiltIn();
}
