namespace McpOtelAgent.Tests.Assets.Support;

/// <summary>Files of the repository the tests check: found from the test binary by walking up to the solution file.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string Of(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "McpOtelAgent.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no McpOtelAgent.sln above {AppContext.BaseDirectory}");
    }
}
