using System.Reflection;

namespace McpOtelAgent.Probes.Tests.Linux;

/// <summary>Files of this test project, read in place (see the csproj for why they are not copied).</summary>
internal static class TestPaths
{
    public static string ProjectDirectory { get; } =
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProjectDirectory").Value!;

    public static string Fixtures => Path.Combine(ProjectDirectory, "Fixtures");

    public static string PsutilScript => Path.Combine(ProjectDirectory, "Psutil", "psutil_snapshot.py");
}
