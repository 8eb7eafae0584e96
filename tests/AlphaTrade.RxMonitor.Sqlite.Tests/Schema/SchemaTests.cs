using AlphaTrade.RxMonitor.Sqlite.Health;
using AlphaTrade.RxMonitor.Sqlite.Schema;
using AlphaTrade.RxMonitor.Sqlite.Tests.Support;
using Microsoft.Data.Sqlite;

namespace AlphaTrade.RxMonitor.Sqlite.Tests.Schema;

public sealed class SchemaTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task Open_NewFile_CreatesLatestSchemaInWalWithIncrementalVacuum()
    {
        var path = _directory.File("nested/dir/store.db");
        await using (var store = StoreFactory.Open(path))
        {
            Assert.Equal(StoreHealthStatus.Healthy, store.Health.Status);
        }

        Assert.Equal((long)SchemaMigrations.LatestVersion, Pragma(path, "user_version"));
        Assert.Equal("wal", PragmaText(path, "journal_mode"));
        Assert.Equal(2L, Pragma(path, "auto_vacuum"));
    }

    [Fact]
    public async Task Open_ExistingStore_KeepsDataAndVersion()
    {
        var path = _directory.File("store.db");
        await using (var store = StoreFactory.Open(path))
        {
            store.AlertHistory.RecordSilence(TestAlerts.Silence("s1", TestAlerts.T0, TestAlerts.T0.AddHours(1), TestAlerts.T0));
            await store.FlushAsync();
        }

        await using var reopened = StoreFactory.Open(path);
        var silences = await reopened.AlertHistory.QuerySilencesAsync();

        Assert.Equal("s1", Assert.Single(silences).Id);
        Assert.Equal((long)SchemaMigrations.LatestVersion, Pragma(path, "user_version"));
    }

    [Fact]
    public async Task Open_SchemaNewerThanBuild_UnhealthyAndFileUntouched()
    {
        var path = _directory.File("future.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE t (x); PRAGMA user_version = 999;";
            command.ExecuteNonQuery();
        }

        var before = await File.ReadAllBytesAsync(path);
        await using (var store = StoreFactory.Open(path))
        {
            Assert.Equal(StoreHealthStatus.Unhealthy, store.Health.Status);
            Assert.Contains(path, store.Health.Description, StringComparison.Ordinal);
            Assert.Contains("schema version 999", store.Health.Description, StringComparison.Ordinal);
        }

        Assert.Equal(before, await File.ReadAllBytesAsync(path));
    }

    public void Dispose() => _directory.Dispose();

    private static long Pragma(string path, string name) => Convert.ToInt64(Query(path, $"PRAGMA {name}"), System.Globalization.CultureInfo.InvariantCulture);

    private static string PragmaText(string path, string name) => (string)Query(path, $"PRAGMA {name}")!;

    private static object? Query(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
