namespace McpOtelAgent.Tests.Lifecycle.Support;

/// <summary>The real MCP servers installed by test.sh (npm ci in tests/fixtures/npm).</summary>
internal static class NpmFixtures
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string ServerEverything => Script("server-everything");

    public static string ServerMemory => Script("server-memory");

    public static string Node => "node";

    private static string Script(string package)
    {
        var path = Path.Combine(Root.Value, "node_modules", "@modelcontextprotocol", package, "dist", "index.js");
        return File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing: run ./test.sh (npm ci in tests/fixtures/npm)");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "fixtures", "npm");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/fixtures/npm not found above " + AppContext.BaseDirectory);
    }
}
