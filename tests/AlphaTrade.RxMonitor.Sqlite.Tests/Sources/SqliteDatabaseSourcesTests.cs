using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Sources.Database;
using AlphaTrade.RxMonitor.Sqlite.Sources;
using Microsoft.Data.Sqlite;

namespace AlphaTrade.RxMonitor.Sqlite.Tests.Sources;

/// <summary>Integration: the provider-neutral instrumentation and the SQLite sources on a real SQLite file.</summary>
public sealed class SqliteDatabaseSourcesTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "rxmon-sqlite-" + Guid.NewGuid().ToString("N"));
    private readonly string _path;
    private readonly string _connectionString;
    private readonly DatabaseMetrics _metrics;

    public SqliteDatabaseSourcesTests()
    {
        Directory.CreateDirectory(_directory);
        _path = Path.Combine(_directory, "trading.db");
        _connectionString = new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false, DefaultTimeout = 1 }.ToString();
        _metrics = new DatabaseMetrics(SqliteMonitoring.Options("trading", maxPoolSize: 4), TimeProvider.System);
        using var setup = new SqliteConnection(_connectionString);
        setup.Open();
        Execute(setup, "PRAGMA journal_mode=WAL; CREATE TABLE orders (id INTEGER PRIMARY KEY, venue TEXT, qty INTEGER);");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<MetricSample> Poll(AlphaTrade.RxMonitor.Sources.IMetricSource source)
    {
        var samples = new List<MetricSample>();
        source.Poll(1, new ListObserver(samples));
        return samples;
    }

    private static double Value(List<MetricSample> samples, string name, string? statement = null) =>
        samples.Single(s => s.Key.Name == name && (statement is null || s.Key.GetLabel("statement") == statement)).Value;

    [Fact]
    public void InstrumentedConnection_Commands_AreCountedPerNormalizedStatementWithRows()
    {
        using (var connection = SqliteMonitoring.CreateConnection(_connectionString, _metrics))
        {
            connection.Open();
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO orders (venue, qty) VALUES ('XNAS', 100), ('XLON', 200)";
            insert.ExecuteNonQuery();
            using var select = connection.CreateCommand();
            select.CommandText = "SELECT count(*) FROM orders WHERE qty > 50";
            Assert.Equal(2L, select.ExecuteScalar());
        }

        var samples = Poll(_metrics);

        Assert.Equal(2, Value(samples, DatabaseMetricNames.QueriesTotal));
        Assert.Equal(2, Value(samples, DatabaseMetricNames.RowsTotal));
        Assert.Equal(1, Value(samples, DatabaseMetricNames.StatementCallsTotal, "INSERT INTO orders (venue, qty) VALUES (?), (?)"));
        Assert.Equal(1, Value(samples, DatabaseMetricNames.StatementCallsTotal, "SELECT count(*) FROM orders WHERE qty > ?"));
    }

    [Fact]
    public void InstrumentedConnection_FailingCommand_IsCountedAndRethrown()
    {
        using var connection = SqliteMonitoring.CreateConnection(_connectionString, _metrics);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM no_such_table";

        Assert.Throws<SqliteException>(() => command.ExecuteReader());

        Assert.Equal(1, _metrics.GetSnapshot().FailuresTotal);
        Assert.Equal(0, _metrics.GetSnapshot().LockContentionsTotal);
    }

    [Fact]
    public void InstrumentedConnection_DatabaseLockedByAnotherWriter_CountsLockContention()
    {
        using var holder = new SqliteConnection(_connectionString);
        holder.Open();
        Execute(holder, "BEGIN IMMEDIATE; INSERT INTO orders (venue, qty) VALUES ('X', 1);");
        using var connection = SqliteMonitoring.CreateConnection(_connectionString, _metrics);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO orders (venue, qty) VALUES ('Y', 2)";
        command.CommandTimeout = 1;

        var error = Assert.Throws<SqliteException>(() => command.ExecuteNonQuery());

        Assert.True(SqliteMonitoring.IsLockContention(error), error.Message);
        var samples = Poll(_metrics);
        Assert.Equal(1, Value(samples, DatabaseMetricNames.LockContentionsTotal));
        Assert.True(Value(samples, DatabaseMetricNames.LockWaitSecondsTotal) >= 0);
        Assert.Equal(1, Value(samples, DatabaseMetricNames.QueryFailuresTotal));
    }

    [Fact]
    public void InstrumentedConnection_OpenConnections_ShowAsPoolInUse()
    {
        using var first = SqliteMonitoring.CreateConnection(_connectionString, _metrics);
        using var second = SqliteMonitoring.CreateConnection(_connectionString, _metrics);
        using var third = SqliteMonitoring.CreateConnection(_connectionString, _metrics);
        first.Open();
        second.Open();
        third.Open();
        third.Close();

        var pool = _metrics.GetPoolUsage();

        Assert.Equal(new ConnectionPoolUsage(2, 1, 4), pool);
        Assert.Equal(50, pool.UsagePercent);
    }

    [Fact]
    public void ProbeSource_ReachableDatabase_ReportsUpAndLatency()
    {
        var probe = new DatabaseProbeSource(_metrics, () => new SqliteConnection(_connectionString));

        var samples = Poll(probe);

        Assert.Equal(1, Value(samples, DatabaseMetricNames.ProbeUp));
        Assert.InRange(Value(samples, DatabaseMetricNames.ProbeLatencySeconds), 0, 5);
        Assert.True(_metrics.GetSnapshot().LastProbeSucceeded);
    }

    [Fact]
    public void ProbeSource_BrokenDatabase_ReportsDown()
    {
        var missing = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory, "nope", "x.db"), Mode = SqliteOpenMode.ReadOnly }.ToString();
        var probe = new DatabaseProbeSource(_metrics, () => new SqliteConnection(missing));

        var samples = Poll(probe);

        Assert.Equal(0, Assert.Single(samples).Value);
        Assert.False(_metrics.GetSnapshot().LastProbeSucceeded);
    }

    [Fact]
    public void StorageSource_DatabaseWithData_ReportsSizesWalAndFreeDisk()
    {
        // The writer stays open: closing the last connection checkpoints and removes the WAL file.
        using var writer = new SqliteConnection(_connectionString);
        writer.Open();
        Execute(writer, "INSERT INTO orders (venue, qty) SELECT 'XNAS', value FROM (WITH RECURSIVE n(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM n WHERE value < 5000) SELECT value FROM n);");

        var samples = Poll(new SqliteStorageSource("trading", _path));

        Assert.True(Value(samples, SqliteMetricNames.DatabaseSizeBytes) >= 4096 * 2);
        Assert.True(Value(samples, SqliteMetricNames.FreelistBytes) >= 0);
        Assert.True(Value(samples, SqliteMetricNames.FileSizeBytes) > 0);
        Assert.True(Value(samples, SqliteMetricNames.WalSizeBytes) > 0, "WAL mode: the -wal file holds the recent writes");
        Assert.True(Value(samples, DatabaseMetricNames.DiskAvailableBytes) > 0);
        Assert.InRange(Value(samples, DatabaseMetricNames.DiskUsagePercent), 0, 100);
    }

    [Fact]
    public void StorageSource_MissingFile_Throws()
    {
        var source = new SqliteStorageSource("gone", Path.Combine(_directory, "gone.db"));

        Assert.Throws<FileNotFoundException>(() => Poll(source));
    }

    private sealed class ListObserver(List<MetricSample> samples) : IObserver<MetricSample>
    {
        public void OnNext(MetricSample value) => samples.Add(value);

        public void OnError(Exception error)
        {
        }

        public void OnCompleted()
        {
        }
    }
}
