using Microsoft.Data.Sqlite;

namespace AlphaTrade.RxMonitor.Benchmarks.Sqlite;

/// <summary>Temp folders for benchmark databases; deleted on cleanup (the shared range-query database is kept).</summary>
internal static class BenchmarkDatabase
{
    public static string NewDirectory(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), "rxmon-bench", name + "-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    public static void Delete(string directory)
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }
}
