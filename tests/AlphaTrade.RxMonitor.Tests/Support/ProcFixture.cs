namespace AlphaTrade.RxMonitor.Tests.Support;

/// <summary>A temporary file-system root into which recorded /proc files are copied, poll by poll.</summary>
internal sealed class ProcFixture : IDisposable
{
    private static readonly string s_fixtures = System.IO.Path.Combine(
        RepositoryRoot.Path, "tests", "AlphaTrade.RxMonitor.Tests", "Sources", "Fixtures", "proc");

    public ProcFixture()
    {
        Root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rxmon-proc-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>Writes the recorded fixture <paramref name="fixture"/> to <paramref name="relativePath"/> (same inode when it exists).</summary>
    public ProcFixture Use(string relativePath, string fixture)
    {
        var target = System.IO.Path.Combine(Root, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
        File.WriteAllBytes(target, File.ReadAllBytes(System.IO.Path.Combine(s_fixtures, fixture)));
        return this;
    }

    public ProcFixture WithDirectory(string relativePath, int entries)
    {
        var dir = System.IO.Path.Combine(Root, relativePath);
        Directory.CreateDirectory(dir);
        for (var i = 0; i < entries; i++)
        {
            File.WriteAllText(System.IO.Path.Combine(dir, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), "");
        }

        return this;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
