namespace McpOtelAgent.Wrapping;

/// <summary>
/// The <c>server_id</c> a wrapped server gets when <c>--server-id</c> is not given: the package or script a launcher
/// runs (<c>npx -y @scope/server-x</c> → <c>server-x</c>), or else the command's own name, reduced to a label-safe
/// form that <see cref="Targets.ServerId"/> accepts. Stable across restarts of the same config entry, which is what a
/// series label needs.
/// </summary>
internal static class WrapServerId
{
    private const int MaxLength = 64;

    private static readonly HashSet<string> Launchers = new(StringComparer.Ordinal)
    {
        "npx", "uvx", "uv", "node", "python", "python3", "bunx", "bun", "pnpm", "pnpx", "deno", "docker", "pipx",
    };

    public static string Derive(string command, IReadOnlyList<string> arguments)
    {
        var name = Path.GetFileName(command);
        if (Launchers.Contains(name))
        {
            // The first argument that is neither an option nor a launcher verb (uv run, pnpm dlx, docker run, deno run).
            var target = arguments.FirstOrDefault(a => !a.StartsWith('-') && a is not ("run" or "dlx" or "exec" or "tool"));
            if (target is not null)
            {
                name = Path.GetFileName(target.TrimEnd('/'));
                var version = name.LastIndexOf('@');
                if (version > 0)
                {
                    name = name[..version];
                }
            }
        }

        return Sanitize(name);
    }

    private static string Sanitize(string name)
    {
        var chars = name.ToLowerInvariant()
            .Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-')
            .Take(MaxLength)
            .ToArray();
        var id = new string(chars).Trim('-', '.', '_');
        return id.Length == 0 ? "wrapped" : id;
    }
}
