using AlphaTrade.RxMonitor.Analytics;
using AlphaTrade.RxMonitor.Health;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Sqlite.Health;
using AlphaTrade.RxMonitor.Sqlite.Schema;
using AlphaTrade.RxMonitor.Sqlite.Tests.Support;
using Microsoft.Data.Sqlite;

namespace AlphaTrade.RxMonitor.Sqlite.Tests.Schema;

public sealed class SchemaTests : IDisposable
{
    private static readonly SeriesKey Cpu = SeriesKey.Create("cpu_usage_percent", new Label("host", "a"));
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task Open_NewFile_CreatesLatestSchemaInWalWithIncrementalVacuum()
    {
        var path = _directory.File("nested/dir/store.db");
        await using (var store = StoreFactory.Open(path))
        {
            Assert.Equal(HealthStatus.Healthy, store.Health.Status);
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
            Assert.Equal(HealthStatus.Unhealthy, store.Health.Status);
            Assert.Contains(path, store.Health.Description, StringComparison.Ordinal);
            Assert.Contains("schema version 999", store.Health.Description, StringComparison.Ordinal);
        }

        Assert.Equal(before, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task Open_Version1FileWithRollups_EveryBucketReadBackFromSegments()
    {
        var path = _directory.File("v1.db");
        var start = new DateTimeOffset(2026, 11, 26, 5, 0, 0, TimeSpan.Zero);
        CreateVersion1(path, start, minutes: 400);

        await using var store = StoreFactory.Open(path);
        var minutes = await store.QueryRangeAsync(Cpu, RollupResolution.OneMinute, start, start.AddDays(1));
        var tenSeconds = await store.QueryRangeAsync(Cpu, RollupResolution.TenSeconds, start, start.AddDays(1));
        var hours = await store.QueryRangeAsync(Cpu, RollupResolution.OneHour, start, start.AddDays(1));

        Assert.Equal(Enumerable.Range(0, 400).Select(m => new RollupPoint(start.AddMinutes(m), 2, m * 2, m - 1, m + 1, m)), minutes);
        Assert.Equal([new RollupPoint(start, 1, 3, 3, 3, 3)], tenSeconds);
        Assert.Equal([new RollupPoint(start, 60, 6, 0, 1, 0.5)], hours);
        Assert.All(minutes, static p => Assert.False(p.HasSketch));
    }

    [Fact]
    public async Task Open_Version1File_MigratedToLatestVersionWithOneSegmentPerChunkAndOldTablesDropped()
    {
        var path = _directory.File("v1.db");
        CreateVersion1(path, new DateTimeOffset(2026, 11, 26, 5, 0, 0, TimeSpan.Zero), minutes: 400);

        await using (var store = StoreFactory.Open(path))
        {
            Assert.Equal(HealthStatus.Healthy, store.Health.Status);
        }

        Assert.Equal((long)SchemaMigrations.LatestVersion, Pragma(path, "user_version"));
        Assert.Equal(2L, Convert.ToInt64(Query(path, "SELECT count(*) FROM rollup_1m"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0L, Convert.ToInt64(Query(path, "SELECT count(*) FROM sqlite_master WHERE name LIKE '%\\_v1' ESCAPE '\\'"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Open_Version2FileWithANotification_ItsAlertsReadBackInTheOneAlertShape()
    {
        var path = _directory.File("v2.db");
        var at = new DateTimeOffset(2026, 11, 26, 5, 0, 0, 123, TimeSpan.Zero);
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            SchemaMigrations.PrepareNewDatabase(connection);
            SchemaMigrations.Apply(connection, 0, targetVersion: 2);
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO notifications (id, at, receiver, group_key, group_labels, kind, alerts) VALUES (
                    '3f2504e0-4f89-11d3-9a0c-0305e82c3301', $at, 'team-db', '{}:{alertname="high_cpu"}', '{"alertname":"high_cpu"}', 0,
                    '[{"fingerprint":"00000000000000ff","rule":"high_cpu","labels":{"alertname":"high_cpu","host":"a"},"annotations":{"summary":"hot"},"severity":3,"state":2,"activeAt":' || $at || ',"startsAt":' || ($at + 1000) || ',"endsAt":' || ($at + 2000) || ',"updatedAt":' || ($at + 2000) || ',"value":0.97,"kind":0,"flapping":true,"silencedBy":["s1"],"inhibitedBy":["0000000000000010"]}]')
                """;
            command.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
            command.ExecuteNonQuery();
        }

        await using var store = StoreFactory.Open(path);
        var notification = Assert.Single(await store.AlertHistory.QueryNotificationsAsync(new Alerting.AlertHistoryQuery()));
        var alert = Assert.Single(notification.Alerts);

        Assert.Equal((long)SchemaMigrations.LatestVersion, Pragma(path, "user_version"));
        Assert.Equal(
            (0xffUL, "high_cpu", "alertname=high_cpu, host=a", "hot", Metrics.Severity.Critical, Metrics.AlertState.Resolved),
            (alert.Fingerprint, alert.RuleName, string.Join(", ", alert.Labels.Select(static l => $"{l.Name}={l.Value}")), alert.Annotations["summary"], alert.Severity, alert.State));
        Assert.Equal((at, at.AddSeconds(1), at.AddSeconds(2), at.AddSeconds(2)), (alert.ActiveAt, alert.StartsAt, alert.EndsAt!.Value, alert.UpdatedAt));
        Assert.Equal((0.97, true, "s1", 0x10UL), (alert.Value, alert.IsFlapping, Assert.Single(alert.SilencedBy), Assert.Single(alert.InhibitedBy)));
        Assert.Equal(
            "team-db",
            Query(path, "SELECT json_extract(alerts, '$[0].receivers[0].name') FROM notifications"));
        Assert.Equal(
            "critical",
            Query(path, "SELECT json_extract(alerts, '$[0].labels.severity') FROM notifications"));
    }

    [Fact]
    public async Task Open_Version3FileWithANotification_GainsTheDeliveriesTableAndTheNotificationHasNoDelivery()
    {
        var path = _directory.File("v3.db");
        var at = new DateTimeOffset(2026, 12, 1, 5, 0, 0, TimeSpan.Zero);
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            SchemaMigrations.PrepareNewDatabase(connection);
            SchemaMigrations.Apply(connection, 0, targetVersion: 3);
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO notifications (id, at, receiver, group_key, group_labels, kind, alerts) VALUES (
                    '3f2504e0-4f89-11d3-9a0c-0305e82c3301', $at, 'team-db', '{}:{alertname="high_cpu"}', '{"alertname":"high_cpu"}', 0, '[]')
                """;
            command.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
            command.ExecuteNonQuery();
        }

        await using var store = StoreFactory.Open(path);
        var state = await store.AlertHistory.LoadRecoveryStateAsync(at.AddMinutes(1));

        Assert.Equal((long)SchemaMigrations.LatestVersion, Pragma(path, "user_version"));
        Assert.Equal(0L, StoreSql.Scalar(path, "SELECT count(*) FROM notification_deliveries"));
        Assert.Equal(Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301"), Assert.Single(state.NotificationLog).Id);
        Assert.Empty(state.SinkLog);
    }

    public void Dispose() => _directory.Dispose();

    /// <summary>A schema-version-1 file: 1-minute buckets from <paramref name="start"/> (spanning two 6-hour chunks), one 10 s and one 1 h bucket.</summary>
    private static void CreateVersion1(string path, DateTimeOffset start, int minutes)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        SchemaMigrations.PrepareNewDatabase(connection);
        SchemaMigrations.Apply(connection, 0, targetVersion: 1);
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO series (id, key, name, labels, fingerprint) VALUES (7, $key, 'cpu_usage_percent', '{\"host\":\"a\"}', 1)";
        command.Parameters.AddWithValue("$key", Cpu.ToString());
        command.ExecuteNonQuery();
        var first = start.ToUnixTimeSeconds();
        command.Parameters.Clear();
        command.CommandText = $"""
            WITH RECURSIVE g(value) AS (SELECT 0 UNION ALL SELECT value + 1 FROM g WHERE value < {minutes - 1})
            INSERT INTO rollup_1m (series_id, bucket, count, sum, min, max, last)
                SELECT 7, {first} + value * 60, 2, value * 2, value - 1, value + 1, value FROM g;
            INSERT INTO rollup_10s (series_id, bucket, count, sum, min, max, last) VALUES (7, {first}, 1, 3, 3, 3, 3);
            INSERT INTO rollup_1h (series_id, bucket, count, sum, min, max, last) VALUES (7, {first}, 60, 6, 0, 1, 0.5);
            """;
        command.ExecuteNonQuery();
        transaction.Commit();
    }

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
