namespace McpOtelAgent.Probes.Tests.Linux;

/// <summary>
/// A temporary copy of Fixtures/proc with the symlinks its <c>links</c> manifests describe (see Fixtures/README.md),
/// deleted on Dispose.
/// </summary>
internal sealed class ProcFixture : IDisposable
{
    private readonly List<string> _links = [];

    private ProcFixture(string root) => Root = root;

    /// <summary>The committed fixture folder (regular files only; links exist only in copies).</summary>
    public static string Source { get; } = Path.Combine(TestPaths.Fixtures, "proc");

    public string Root { get; }

    public static ProcFixture Copy()
    {
        var root = Path.Combine(Path.GetTempPath(), "probe-fixture-" + Guid.NewGuid().ToString("N"));
        CopyDirectory(Source, root);
        var fixture = new ProcFixture(root);

        // Listed before any link exists: enumeration follows links, and cwd links point at / and /tmp.
        foreach (var manifest in Directory.GetFiles(root, "links", SearchOption.AllDirectories))
        {
            foreach (var line in File.ReadAllLines(manifest))
            {
                var tab = line.IndexOf('\t');
                var link = Path.Combine(Path.GetDirectoryName(manifest)!, line[..tab]);
                File.CreateSymbolicLink(link, line[(tab + 1)..]);
                fixture._links.Add(link);
            }
        }

        return fixture;
    }

    /// <summary>A path under the committed fixture folder.</summary>
    public static string PathOf(params string[] parts) => Path.Combine([Source, .. parts]);

    /// <summary>A path under this copy.</summary>
    public string At(params string[] parts) => Path.Combine([Root, .. parts]);

    public void Dispose()
    {
        // Links first, by name, so the recursive delete can never walk into / through one.
        foreach (var link in _links)
        {
            File.Delete(link);
        }

        Directory.Delete(Root, recursive: true);
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.EnumerateDirectories(from))
        {
            CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }
}
