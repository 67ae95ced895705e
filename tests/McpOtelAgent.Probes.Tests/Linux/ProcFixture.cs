namespace McpOtelAgent.Probes.Tests.Linux;

/// <summary>The fixture proc root of Fixtures/proc, or a temporary copy of it (links kept as links) to change.</summary>
internal sealed class ProcFixture : IDisposable
{
    private ProcFixture(string root, bool temporary)
    {
        Root = root;
        IsTemporary = temporary;
    }

    public static string Source { get; } = Path.Combine(TestPaths.Fixtures, "proc");

    public string Root { get; }

    public bool IsTemporary { get; }

    public static ProcFixture Original() => new(Source, temporary: false);

    public static ProcFixture Copy()
    {
        var root = Path.Combine(Path.GetTempPath(), "probe-fixture-" + Guid.NewGuid().ToString("N"));
        CopyDirectory(Source, root);
        return new ProcFixture(root, temporary: true);
    }

    /// <summary>A path under the original fixture root.</summary>
    public static string PathOf(params string[] parts) => Path.Combine([Source, .. parts]);

    /// <summary>A path under this root (the copy, when it is one).</summary>
    public string At(params string[] parts) => Path.Combine([Root, .. parts]);

    public void Dispose()
    {
        if (IsTemporary)
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var entry in new DirectoryInfo(from).EnumerateFileSystemInfos())
        {
            var target = Path.Combine(to, entry.Name);
            if (entry.LinkTarget is { } link)
            {
                File.CreateSymbolicLink(target, link);
            }
            else if (entry is DirectoryInfo)
            {
                CopyDirectory(entry.FullName, target);
            }
            else
            {
                File.Copy(entry.FullName, target);
            }
        }
    }
}
