using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Sources;
using AlphaTrade.RxMonitor.Sources.Database;
using AlphaTrade.RxMonitor.Sources.Linux;
using Microsoft.Data.Sqlite;

namespace AlphaTrade.RxMonitor.Sqlite.Sources;

/// <summary>SQLite storage figures: logical size, freelist, file and WAL sizes, and free disk where the file lives.</summary>
/// <remarks>
/// <para>
/// Each poll opens a pooled read-only connection, reads <c>PRAGMA page_count</c>, <c>page_size</c> and
/// <c>freelist_count</c>, stats the database and <c>-wal</c> files and the file system that holds them
/// (<c>statvfs</c>). Metric names: <see cref="SqliteMetricNames"/>, label <c>db</c>.
/// </para>
/// <para>
/// The poll blocks for a few PRAGMA reads (microseconds, or up to the busy timeout while a writer holds an
/// exclusive lock); a missing database file throws (reported by the poller, retried with back-off).
/// </para>
/// </remarks>
public sealed class SqliteStorageSource : IMetricSource
{
    private readonly string _connectionString;
    private readonly string _path;
    private readonly SeriesKey _size;
    private readonly SeriesKey _freelist;
    private readonly SeriesKey _file;
    private readonly SeriesKey _wal;
    private readonly SeriesKey _diskAvailable;
    private readonly SeriesKey _diskPercent;

    /// <summary>Creates the source.</summary>
    /// <param name="name">The <c>db</c> label value.</param>
    /// <param name="databasePath">The database file's path.</param>
    public SqliteStorageSource(string name, string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        _path = Path.GetFullPath(databasePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = true,
        }.ToString();
        var label = new Label("db", name);
        _size = SeriesKey.Create(SqliteMetricNames.DatabaseSizeBytes, label);
        _freelist = SeriesKey.Create(SqliteMetricNames.FreelistBytes, label);
        _file = SeriesKey.Create(SqliteMetricNames.FileSizeBytes, label);
        _wal = SeriesKey.Create(SqliteMetricNames.WalSizeBytes, label);
        _diskAvailable = SeriesKey.Create(DatabaseMetricNames.DiskAvailableBytes, label);
        _diskPercent = SeriesKey.Create(DatabaseMetricNames.DiskUsagePercent, label);
        Name = "sqlite-storage." + name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public void Poll(long timestampTicks, IObserver<MetricSample> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var file = new FileInfo(_path);
        if (!file.Exists)
        {
            throw new FileNotFoundException($"SQLite database {_path} does not exist.", _path);
        }

        long pageCount, pageSize, freelist;
        using (var connection = new SqliteConnection(_connectionString))
        {
            connection.Open();
            pageCount = Pragma(connection, "PRAGMA page_count");
            pageSize = Pragma(connection, "PRAGMA page_size");
            freelist = Pragma(connection, "PRAGMA freelist_count");
        }

        var wal = new FileInfo(_path + "-wal");
        observer.OnNext(new MetricSample(_size, timestampTicks, (double)pageCount * pageSize));
        observer.OnNext(new MetricSample(_freelist, timestampTicks, (double)freelist * pageSize));
        observer.OnNext(new MetricSample(_file, timestampTicks, file.Length));
        observer.OnNext(new MetricSample(_wal, timestampTicks, wal.Exists ? wal.Length : 0));
        if (FileSystemStats.TryRead(file.DirectoryName!, out var disk) && disk.TotalBytes > 0)
        {
            var used = (double)(disk.TotalBytes - disk.FreeBytes);
            var usable = used + disk.AvailableBytes;
            observer.OnNext(new MetricSample(_diskAvailable, timestampTicks, disk.AvailableBytes));
            observer.OnNext(new MetricSample(_diskPercent, timestampTicks, usable > 0 ? 100.0 * used / usable : 0));
        }
    }

    private static long Pragma(SqliteConnection connection, string pragma)
    {
        using var command = connection.CreateCommand();
        command.CommandText = pragma;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
