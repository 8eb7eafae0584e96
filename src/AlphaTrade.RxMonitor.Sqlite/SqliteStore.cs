using AlphaTrade.RxMonitor.Analytics;
using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;
using AlphaTrade.RxMonitor.Sqlite.Health;
using AlphaTrade.RxMonitor.Sqlite.History;
using AlphaTrade.RxMonitor.Sqlite.Maintenance;
using AlphaTrade.RxMonitor.Sqlite.Rollups;
using AlphaTrade.RxMonitor.Sqlite.Schema;
using AlphaTrade.RxMonitor.Sqlite.Writing;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AlphaTrade.RxMonitor.Sqlite;

/// <summary>
/// The embedded SQLite store: metric roll-ups, alert history, silences and the notification log in one
/// WAL-mode database file, written by one background writer and read by any number of queries.
/// </summary>
/// <remarks>
/// <para><see cref="Open"/> never throws for run-time problems: a file that is not a SQLite database, a
/// corrupt one, one from a newer schema, or one that cannot be opened is reported (with its path) through
/// the failure listener and <see cref="Health"/>, left untouched, and every write is dropped and counted.
/// A read-only or full disk makes the store Unhealthy; it recovers by itself when a later batch commits.</para>
/// <para>Writes (<see cref="SqliteAlertHistory"/> records, roll-ups from
/// <see cref="RollupObservableExtensions.WriteRollupsTo"/>) never block and never throw into the caller.
/// Queries run on the caller's thread on their own pooled read connections and may run concurrently with
/// writes. Retention and the size limit are enforced every <see cref="SqliteStoreOptions.MaintenanceInterval"/>
/// on the time provider.</para>
/// <para>The store is the analytics' <see cref="IMetricHistory"/> as it is: <see cref="QueryRangeAsync"/> returns its
/// roll-ups with their stored sketches, so a reader's quantiles are the stored ones.</para>
/// </remarks>
public sealed class SqliteStore : IMetricHistory, IAsyncDisposable, IDisposable
{
    private readonly SqliteStoreOptions _options;
    private readonly TimeProvider _time;
    private readonly StoreCounters _counters = new();
    private readonly StoreHealthTracker _health;
    private readonly SqliteConnection? _writeConnection;
    private readonly StoreWriter? _writer;
    private readonly RetentionEnforcer? _retention;
    private readonly ITimer? _maintenanceTimer;
    private readonly string _readConnectionString;
    private readonly SketchArena _sketches;
    private readonly Lock _rollupGate = new();
    private readonly bool _readable;
    private int _maintenanceQueued;
    private int _disposed;

    private SqliteStore(SqliteStoreOptions options, TimeProvider time, IFailureListener? failureListener)
    {
        _options = options;
        _time = time;
        _sketches = new SketchArena((int)Math.Clamp(options.QueueCapacity * 64L, 1L << 20, 1L << 28));
        Path = System.IO.Path.GetFullPath(options.Path);
        _health = new StoreHealthTracker(Path, time, options.DegradedAfterDropFor, failureListener);
        _readConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = options.ReadOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite,
            Pooling = true,
        }.ToString();
        AlertHistory = new SqliteAlertHistory(this);
        if (options.ReadOnly)
        {
            _readable = CheckReadable();
            return;
        }

        _writeConnection = OpenWriteConnection();
        _readable = _writeConnection is not null;
        if (_writeConnection is null)
        {
            return;
        }

        _writer = new StoreWriter(_writeConnection, options, time, _counters, _health, _sketches);
        _retention = new RetentionEnforcer(_writeConnection, options);
        _maintenanceTimer = time.CreateTimer(static state => ((SqliteStore)state!).OnMaintenanceDue(), this, options.MaintenanceInterval, options.MaintenanceInterval);
    }

    /// <summary>The full path of the database file.</summary>
    public string Path { get; }

    /// <summary>The current health: Unhealthy when the file cannot be opened or written, Degraded after queue overflows.</summary>
    public SqliteStoreHealth Health => _health.Current;

    /// <summary>The writer's counters (queued, committed, dropped, batches, last committed transition id).</summary>
    public SqliteStoreStatistics Statistics => _counters.Snapshot();

    /// <summary>The alert history kept in this store; give it to the alert manager.</summary>
    public SqliteAlertHistory AlertHistory { get; }

    internal TimeProvider TimeProvider => _time;

    internal StoreCounters Counters => _counters;

    internal RetentionEnforcer? Retention => _retention;

    internal SqliteStoreOptions Options => _options;

    /// <summary>Opens (creating or migrating when needed) the database at <see cref="SqliteStoreOptions.Path"/>.</summary>
    /// <param name="options">The options; validated first.</param>
    /// <param name="timeProvider">The clock for batching, retention and health; default <see cref="TimeProvider.System"/>.</param>
    /// <param name="failureListener">Receives open and write failures; optional.</param>
    /// <returns>The store; check <see cref="Health"/> to learn whether it could open the file.</returns>
    /// <exception cref="ConfigurationException">The options are invalid (every problem is listed).</exception>
    public static SqliteStore Open(SqliteStoreOptions options, TimeProvider? timeProvider = null, IFailureListener? failureListener = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid(SqliteStoreOptions.Section);
        return new SqliteStore(options.Clone(), timeProvider ?? TimeProvider.System, failureListener);
    }

    /// <summary>Completes when every write queued before the call has been committed (or dropped by a failed batch).</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes after the commit.</returns>
    public Task FlushAsync(CancellationToken cancellationToken = default) =>
        _writer is null ? Task.CompletedTask : _writer.FlushAsync().WaitAsync(cancellationToken);

    /// <summary>
    /// Whether a write of silence <paramref name="id"/> was committed (since the last call for it): after
    /// <see cref="FlushAsync"/>, <see langword="false"/> means its write was dropped (a full disk, an unusable file).
    /// </summary>
    /// <param name="id">The silence id.</param>
    /// <returns><see langword="true"/> when a batch holding a write of it committed.</returns>
    public bool TakeCommittedSilence(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _writer is not null && _writer.TakeCommittedSilence(id);
    }

    /// <summary>
    /// Keeps silence <paramref name="id"/> out of the store for good, after its write was refused (see
    /// <see cref="TakeCommittedSilence"/>): writes of it still queued or recorded later (its expiry) are skipped, and the
    /// next committed batch deletes any row of it, so a refused silence never reaches the store later, not even when
    /// space returns.
    /// </summary>
    /// <param name="id">The silence id.</param>
    public void RefuseSilence(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        _writer?.RefuseSilence(id);
    }

    /// <summary>Enforces retention and the size limit now (the timer does it every maintenance interval).</summary>
    /// <param name="cancellationToken">Stops waiting (the run itself completes on the writer).</param>
    /// <returns>How many rows were deleted.</returns>
    /// <exception cref="InvalidOperationException">The database could not be opened.</exception>
    public Task<int> RunMaintenanceAsync(CancellationToken cancellationToken = default) =>
        RunOnWriterAsync(() => _retention!.Run(_time.GetUtcNow())).WaitAsync(cancellationToken);

    /// <summary>The bytes the database's live pages take (its size without free pages).</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The size in bytes.</returns>
    public async Task<long> GetUsedBytesAsync(CancellationToken cancellationToken = default)
    {
        long used = 0;
        await RunOnWriterAsync(() =>
        {
            used = _retention!.UsedBytes();
            return 0;
        }).WaitAsync(cancellationToken).ConfigureAwait(false);
        return used;
    }

    /// <summary>The roll-up buckets of <paramref name="series"/> at <paramref name="resolution"/> whose start lies in [<paramref name="rangeStart"/>, <paramref name="rangeEnd"/>), oldest first.</summary>
    /// <param name="series">The series.</param>
    /// <param name="resolution">The resolution.</param>
    /// <param name="rangeStart">The earliest bucket start (inclusive).</param>
    /// <param name="rangeEnd">The latest bucket start (exclusive).</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The buckets, each once (a bucket stored in several segments comes back merged), with their sketches; empty for an unknown series.</returns>
    /// <exception cref="InvalidOperationException">The database could not be opened.</exception>
    /// <exception cref="InvalidDataException">A stored segment is malformed.</exception>
    /// <exception cref="FormatException">A stored sketch that had to be merged is malformed.</exception>
    public async Task<IReadOnlyList<RollupPoint>> QueryRangeAsync(SeriesKey series, RollupResolution resolution, DateTimeOffset rangeStart, DateTimeOffset rangeEnd, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(series);
        var r = (int)resolution;
        var table = RollupResolutions.Table(resolution);
        var first = StoreWriter.ToUnixSeconds(rangeStart.UtcTicks + (TimeSpan.TicksPerSecond - 1));
        var end = StoreWriter.ToUnixSeconds(rangeEnd.UtcTicks + (TimeSpan.TicksPerSecond - 1));
        var expected = Math.Clamp((end - first) / RollupResolutions.WidthSeconds[r], 0, 1 << 20);
        await using var connection = await OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);

        var rows = new List<RollupRow>((int)expected);
        var sketches = new System.Buffers.ArrayBufferWriter<byte>();
        var ordered = true;
        using (var lookup = new RawStatement(connection.Handle!, $"""
            SELECT (SELECT id FROM series WHERE key = ?1), (SELECT min(chunk) FROM {table}), (SELECT max(chunk) FROM {table})
            """))
        {
            lookup.Bind(1, series.ToString());
            if (lookup.Step() && !lookup.ColumnIsNull(0) && !lookup.ColumnIsNull(1))
            {
                // One index seek per chunk of the range (clamped to the chunks the table holds), segments in write order;
                // raw reads, as decoding the buckets is the whole cost of a long range.
                var seriesId = lookup.ColumnInt64(0);
                var chunkWidth = RollupResolutions.ChunkSeconds(r);
                var firstChunk = Math.Max(RollupResolutions.ChunkOf(r, first), lookup.ColumnInt64(1));
                var lastChunk = Math.Min(end, lookup.ColumnInt64(2) + 1);
                lookup.Reset();
                using var query = new RawStatement(connection.Handle!, $"SELECT data FROM {table} WHERE chunk = ?1 AND series_id = ?2 ORDER BY id");
                query.Bind(2, seriesId);
                long sequence = 0;
                for (var chunk = firstChunk; chunk < lastChunk; chunk += chunkWidth)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    query.Bind(1, chunk);
                    while (query.Step())
                    {
                        ordered &= RollupSegmentCodec.Decode(query.ColumnBlob(0), seriesId, chunk, first, end, rows, sketches, ref sequence);
                    }
                }
            }
        }

        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows);
        var count = ordered ? span.Length : RollupBucketMerger.SortAndMerge(span, sketches, new DDSketch());
        var memory = sketches.WrittenMemory;
        var points = new RollupPoint[count];
        for (var i = 0; i < count; i++)
        {
            ref readonly var row = ref span[i];
            points[i] = new RollupPoint(DateTimeOffset.FromUnixTimeSeconds(row.Bucket), row.Count, row.Sum, row.Min, row.Max, row.Last)
            {
                Sketch = memory.Slice(row.SketchOffset, row.SketchLength),
            };
        }

        return points;
    }

    /// <summary>The series the store holds roll-ups for, optionally only those of one metric.</summary>
    /// <param name="metricName">The metric name, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The series keys, ordered by their text.</returns>
    /// <exception cref="InvalidOperationException">The database could not be opened.</exception>
    public async Task<IReadOnlyList<SeriesKey>> QuerySeriesAsync(string? metricName = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, labels FROM series WHERE $name IS NULL OR name = $name ORDER BY key";
        command.Parameters.AddWithValue("$name", (object?)metricName ?? DBNull.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var keys = new List<SeriesKey>();
        while (reader.Read())
        {
            keys.Add(SeriesKey.Create(reader.GetString(0), StoreJson.ReadLabels(reader.GetString(1))));
        }

        return keys;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_maintenanceTimer is not null)
        {
            await _maintenanceTimer.DisposeAsync().ConfigureAwait(false);
        }

        if (_writer is not null)
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
        }

        if (_writeConnection is not null)
        {
            await _writeConnection.DisposeAsync().ConfigureAwait(false);
        }

        using var pooled = new SqliteConnection(_readConnectionString);
        SqliteConnection.ClearPool(pooled);
    }

    /// <inheritdoc />
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    internal bool TryWrite(in StoreWrite write)
    {
        if (_writer is null)
        {
            Interlocked.Increment(ref _counters.DroppedWriteFailed);
            return false;
        }

        return _writer.TryWrite(write);
    }

    /// <summary>
    /// Queues a closed roll-up bucket with its sketch (serialized now, so the caller may clear and reuse the
    /// sketch at once); never blocks, never throws. When the sketch ring is full the bucket goes without its sketch
    /// (counted in <see cref="SqliteStoreStatistics.DroppedSketches"/>).
    /// </summary>
    internal bool TryWriteRollup(SeriesKey series, RollupResolution resolution, long bucketSeconds, long count, double sum, double min, double max, double last, DDSketch? sketch)
    {
        if (_writer is null || sketch is not { Count: > 0 })
        {
            return TryWrite(StoreWrite.Rollup(series, resolution, bucketSeconds, count, sum, min, max, last));
        }

        lock (_rollupGate)
        {
            var head = _sketches.Head;
            if (!_sketches.TryAppend(sketch, out var position, out var length))
            {
                Interlocked.Increment(ref _counters.DroppedSketches);
            }

            if (TryWrite(StoreWrite.Rollup(series, resolution, bucketSeconds, count, sum, min, max, last, position, length)))
            {
                return true;
            }

            _sketches.Rewind(head);
            return false;
        }
    }

    internal Task<int> RunOnWriterAsync(Func<int> work) =>
        _writer is null
            ? Task.FromException<int>(new InvalidOperationException(Health.Description))
            : _writer.RunOnWriterAsync(work);

    internal async Task<SqliteConnection> OpenReadConnectionAsync(CancellationToken cancellationToken)
    {
        if (!_readable)
        {
            throw new InvalidOperationException(Health.Description);
        }

        var connection = new SqliteConnection(_readConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private void OnMaintenanceDue()
    {
        if (Interlocked.Exchange(ref _maintenanceQueued, 1) != 0)
        {
            return;
        }

        _ = RunOnWriterAsync(() =>
        {
            Volatile.Write(ref _maintenanceQueued, 0);
            return _retention!.Run(_time.GetUtcNow());
        }).ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    private SqliteConnection? OpenWriteConnection()
    {
        if (DatabaseFileProbe.Problem(Path) is { } problem)
        {
            _health.OpenFailed(problem + ".", null);
            return null;
        }

        SqliteConnection? connection = null;
        try
        {
            if (System.IO.Path.GetDirectoryName(Path) is { Length: > 0 } directory)
            {
                Directory.CreateDirectory(directory);
            }

            connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = Path,
                Mode = SqliteOpenMode.ReadWriteCreate,
                Pooling = false,
            }.ToString());
            connection.Open();

            // Read before writing anything: a corrupt file fails here and is left as it was.
            var version = SchemaMigrations.ReadVersion(connection);
            Execute(connection, "SELECT count(*) FROM sqlite_master");
            if (version > 0 && QuickCheckProblem(connection) is { } corrupt)
            {
                _health.OpenFailed($"'{Path}' is corrupt (quick_check: {corrupt}); the store left it untouched and writes nothing to it.", null);
                connection.Dispose();
                return null;
            }
            if (version > SchemaMigrations.LatestVersion)
            {
                _health.OpenFailed($"'{Path}' has schema version {version}, newer than this build's {SchemaMigrations.LatestVersion}; the store left it untouched.", null);
                connection.Dispose();
                return null;
            }

            if (raw.sqlite3_db_readonly(connection.Handle, "main") == 1)
            {
                _health.WriteFailed($"'{Path}' is read-only; writes are dropped and counted.", new SqliteException("attempt to write a readonly database", raw.SQLITE_READONLY));
                if (version == SchemaMigrations.LatestVersion)
                {
                    return connection;
                }

                _health.OpenFailed($"'{Path}' is read-only and has schema version {version}, not {SchemaMigrations.LatestVersion}; the store cannot use it.", null);
                connection.Dispose();
                return null;
            }

            if (version == 0)
            {
                SchemaMigrations.PrepareNewDatabase(connection);
            }

            Execute(connection, "PRAGMA journal_mode = WAL");
            SchemaMigrations.Apply(connection, version);
            Execute(connection, _options.Synchronous == SqliteSynchronousMode.Full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
            Execute(connection, "PRAGMA cache_size = -32768");
            Execute(connection, "PRAGMA temp_store = MEMORY");
            Execute(connection, "PRAGMA busy_timeout = 5000");
            _options.ConfigureWriteConnection?.Invoke(connection);
            return connection;
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            var description = ex is SqliteException { SqliteErrorCode: raw.SQLITE_CORRUPT or raw.SQLITE_NOTADB }
                ? $"'{Path}' is corrupt ({StoreWriter.Describe(ex)}); the store left it untouched."
                : $"'{Path}' could not be opened ({StoreWriter.Describe(ex)}).";
            _health.OpenFailed(description, ex);
            connection?.Dispose();
            return null;
        }
    }

    /// <summary>Opens the existing file read-only and checks that this build can query it, without writing anything.</summary>
    private bool CheckReadable()
    {
        if (DatabaseFileProbe.Problem(Path) is { } problem)
        {
            _health.OpenFailed(problem + ".", null);
            return false;
        }

        if (!File.Exists(Path) || new FileInfo(Path).Length == 0)
        {
            _health.OpenFailed(File.Exists(Path)
                ? $"'{Path}' is empty, not an RxMonitor store; it was left untouched."
                : $"There is no store at '{Path}'; nothing was created.", null);
            return false;
        }

        try
        {
            using var connection = new SqliteConnection(_readConnectionString);
            connection.Open();
            var version = SchemaMigrations.ReadVersion(connection);
            Execute(connection, "SELECT count(*) FROM sqlite_master");
            var description = version switch
            {
                0 => $"'{Path}' is a SQLite database but not an RxMonitor store (it has no RxMonitor schema); it was left untouched.",
                _ when version != SchemaMigrations.LatestVersion => $"'{Path}' has schema version {version}, this build reads version {SchemaMigrations.LatestVersion}; open it once with 'rxmon run' to migrate it.",
                _ => QuickCheckProblem(connection) is { } corrupt ? $"'{Path}' is corrupt (quick_check: {corrupt}); it was left untouched." : null,
            };
            if (description is not null)
            {
                _health.OpenFailed(description, null);
                return false;
            }

            _health.OpenedReadOnly();
            return true;
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            _health.OpenFailed(ex is SqliteException { SqliteErrorCode: raw.SQLITE_CORRUPT or raw.SQLITE_NOTADB }
                ? $"'{Path}' is corrupt ({StoreWriter.Describe(ex)}); it was left untouched."
                : $"'{Path}' could not be opened for reading ({StoreWriter.Describe(ex)}).", ex);
            return false;
        }
    }

    /// <summary>The first problem <c>PRAGMA quick_check</c> finds, or <see langword="null"/> when it answers ok.</summary>
    private static string? QuickCheckProblem(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA quick_check(1)";
        var answer = Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        return string.Equals(answer, "ok", StringComparison.Ordinal) ? null : answer;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
        }
    }
}
