using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Health;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Sqlite.Health;
using AlphaTrade.RxMonitor.Sqlite.Tests.Support;
using Microsoft.Data.Sqlite;

namespace AlphaTrade.RxMonitor.Sqlite.Tests.Health;

public sealed class OpenFailureTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly CollectingFailureListener _listener = new();

    [Fact]
    public async Task Open_NotASqliteFile_ReportsPathAndLeavesFileUntouched()
    {
        var path = _directory.File("notes.txt");
        var content = "these are my notes, not a database\n"u8.ToArray();
        await File.WriteAllBytesAsync(path, content);

        await using (var store = StoreFactory.Open(path, listener: _listener))
        {
            Assert.Equal(HealthStatus.Unhealthy, store.Health.Status);
            Assert.Contains($"'{path}' is not a SQLite database", store.Health.Description, StringComparison.Ordinal);
            var failure = Assert.Single(_listener.Failures);
            Assert.Equal(PipelineComponent.Store, failure.Component);
            Assert.Contains(path, failure.Message, StringComparison.Ordinal);
        }

        Assert.Equal(content, await File.ReadAllBytesAsync(path));
        Assert.False(File.Exists(path + "-wal"));
    }

    [Fact]
    public async Task Open_CorruptSqliteFile_ReportsPathAndLeavesFileUntouched()
    {
        var path = _directory.File("corrupt.db");
        await using (var store = StoreFactory.Open(path))
        {
            await store.FlushAsync();
        }

        var bytes = await File.ReadAllBytesAsync(path);
        for (var i = 100; i < bytes.Length; i++)
        {
            bytes[i] = 0x5A;
        }

        await File.WriteAllBytesAsync(path, bytes);

        await using (var store = StoreFactory.Open(path, listener: _listener))
        {
            Assert.Equal(HealthStatus.Unhealthy, store.Health.Status);
            Assert.Contains($"'{path}'", store.Health.Description, StringComparison.Ordinal);
            Assert.Contains(path, Assert.Single(_listener.Failures).Message, StringComparison.Ordinal);
        }

        Assert.Equal(bytes, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task RecordTransition_StoreCouldNotOpen_DropsAndCountsWithoutThrowing()
    {
        var path = _directory.File("notes.txt");
        await File.WriteAllTextAsync(path, "not a database");
        await using var store = StoreFactory.Open(path);

        store.AlertHistory.RecordTransition(TestAlerts.Transition(TestAlerts.Alert("CpuHigh", AlertState.Firing, Severity.Warning, TestAlerts.T0)));
        await store.FlushAsync();

        Assert.Equal(1, store.Statistics.DroppedWriteFailed);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await store.AlertHistory.QueryTransitionsAsync(AlertHistoryQuery.All));
    }

    [Trait("Category", "Integration")]
    [Fact]
    public async Task Open_ReadOnlyFile_UnhealthyWritesDroppedAndCountedQueriesStillWork()
    {
        var path = _directory.File("readonly.db");
        await using (var store = StoreFactory.Open(path))
        {
            store.AlertHistory.RecordSilence(TestAlerts.Silence("s1", TestAlerts.T0, TestAlerts.T0.AddHours(1), TestAlerts.T0));
            await store.FlushAsync();
        }

        TempDirectory.MakeReadOnly(path);
        await using var readOnly = StoreFactory.Open(path, listener: _listener);
        readOnly.AlertHistory.RecordTransition(TestAlerts.Transition(TestAlerts.Alert("CpuHigh", AlertState.Firing, Severity.Warning, TestAlerts.T0)));
        await readOnly.FlushAsync();

        Assert.Equal(HealthStatus.Unhealthy, readOnly.Health.Status);
        Assert.Contains($"'{path}' is read-only", readOnly.Health.Description, StringComparison.Ordinal);
        Assert.Equal(1, readOnly.Statistics.DroppedWriteFailed);
        Assert.Single(await readOnly.AlertHistory.QuerySilencesAsync());
        Assert.NotEmpty(_listener.Failures);
    }

    [Fact]
    public async Task Write_DiskFull_UnhealthyDropsCountedThenHealthyWhenSpaceReturns()
    {
        SqliteConnection? writer = null;
        var options = StoreFactory.Options(_directory.File("full.db"));
        options.ConfigureWriteConnection = connection =>
        {
            writer = connection;
            StoreSql.Scalar(connection, "PRAGMA max_page_count = " + StoreSql.Scalar(connection, "PRAGMA page_count"));
        };
        await using var store = SqliteStore.Open(options, failureListener: _listener);

        var large = new Dictionary<string, string> { ["description"] = new string('x', 10_000) };
        for (var i = 0; i < 200; i++)
        {
            store.AlertHistory.RecordTransition(TestAlerts.Transition(TestAlerts.Alert($"Rule{i}", AlertState.Firing, Severity.Error, TestAlerts.T0) with { Annotations = large }));
        }

        await store.FlushAsync();
        Assert.Equal(HealthStatus.Unhealthy, store.Health.Status);
        Assert.IsType<SqliteException>(store.Health.Exception);
        Assert.Equal(13, ((SqliteException)store.Health.Exception!).SqliteErrorCode);
        Assert.Equal(200, store.Statistics.DroppedWriteFailed);
        Assert.Contains($"'{store.Path}' is full", _listener.Failures.First().Message, StringComparison.Ordinal);

        StoreSql.Scalar(writer!, "PRAGMA max_page_count = 1000000");
        store.AlertHistory.RecordTransition(TestAlerts.Transition(TestAlerts.Alert("After", AlertState.Firing, Severity.Error, TestAlerts.T0)));
        await store.FlushAsync();

        Assert.Equal(HealthStatus.Healthy, store.Health.Status);
        Assert.Equal(1, store.Statistics.Committed);
    }

    public void Dispose() => _directory.Dispose();
}
