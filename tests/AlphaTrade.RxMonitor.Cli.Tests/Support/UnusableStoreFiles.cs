using Microsoft.Data.Sqlite;

namespace AlphaTrade.RxMonitor.Cli.Tests.Support;

/// <summary>Store files a user may point <c>--db</c> at by mistake: each written into a directory, by kind.</summary>
internal static class UnusableStoreFiles
{
    public static string Create(TempDirectory directory, string kind)
    {
        var path = directory.File(kind + ".db");
        switch (kind)
        {
            case "text":
                File.WriteAllText(path, "these are my notes, not a database\n");
                break;
            case "header-only":
                File.WriteAllBytes(path, "SQLite format 3\0"u8.ToArray());
                break;
            case "truncated":
                var full = directory.File("full.sqlite");
                using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Pooling = false }.ToString()))
                {
                    connection.Open();
                    using var command = connection.CreateCommand();
                    command.CommandText = "CREATE TABLE t(x); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) INSERT INTO t SELECT printf('%500d', i) FROM n;";
                    command.ExecuteNonQuery();
                }

                File.WriteAllBytes(path, File.ReadAllBytes(full)[..20_000]);
                break;
            case "empty":
                File.WriteAllBytes(path, []);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown kind");
        }

        return path;
    }
}
