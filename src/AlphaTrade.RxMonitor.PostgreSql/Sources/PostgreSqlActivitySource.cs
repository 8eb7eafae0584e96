using System.Globalization;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Sources;
using AlphaTrade.RxMonitor.Sources.Database;
using AlphaTrade.RxMonitor.Sources.Linux;
using Npgsql;

namespace AlphaTrade.RxMonitor.PostgreSql.Sources;

/// <summary>
/// What a PostgreSQL server says about one database: lock waits and blocked sessions, connection slots, sessions by
/// state, the database's size, free disk under the data directory, and the heaviest statements from
/// <c>pg_stat_statements</c> when that extension is there.
/// </summary>
/// <remarks>
/// <para>
/// Each poll takes one connection from the data source and runs a few catalog queries (each bounded by a 5 s command
/// timeout): <c>db_locks_waiting</c> (ungranted <c>pg_locks</c> of the database's sessions; a row lock wait is a wait on
/// the holder's transaction id, whose lock has no database, hence the join through <c>pg_stat_activity</c>),
/// <c>db_sessions_blocked</c> (<c>pg_blocking_pids</c> not empty), <see cref="PostgreSqlMetricNames"/>. The
/// connection-slot reading (client connections of the whole server against <c>max_connections</c> minus the reserved
/// ones) is kept for <see cref="PoolUsage"/>, which the database's <see cref="DatabaseMetrics"/> publishes as
/// <c>db_pool_*</c>.
/// </para>
/// <para>
/// <c>pg_stat_statements</c> (PostgreSQL 13 or later): when the extension is not installed in the database, or
/// installed but not loaded (<c>shared_preload_libraries</c>), the poll writes <c>pg_stat_statements_available</c> 0 and
/// no statement series; otherwise the <see cref="MaxStatements"/> statements with the most execution time. The
/// statement label is the server's normalized text, normalized again by <see cref="SqlNormalizer"/> (no literal reaches a
/// label). A server that cannot be reached makes the poll throw (reported, retried with back-off; the probe reports
/// the database down). The poll blocks for the queries' duration.
/// </para>
/// </remarks>
public sealed class PostgreSqlActivitySource : IMetricSource
{
    /// <summary>The most statements read from <c>pg_stat_statements</c> per poll.</summary>
    public const int MaxStatements = 20;

    private const int CommandTimeoutSeconds = 5;
    private const int MaxCachedStatements = 1000;

    private const string ActivitySql = """
        SELECT
          (SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE NOT l.granted AND a.datname = current_database()),
          (SELECT count(*) FROM pg_stat_activity
            WHERE datname = current_database() AND cardinality(pg_blocking_pids(pid)) > 0),
          (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'),
          current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int,
          pg_database_size(current_database()),
          (SELECT setting FROM pg_settings WHERE name = 'data_directory'),
          EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements')
        """;

    private const string StatesSql = """
        SELECT coalesce(state, 'unknown'), count(*) FROM pg_stat_activity
        WHERE datname = current_database() AND backend_type = 'client backend' GROUP BY 1
        """;

    private const string StatementsSql = """
        SELECT queryid, query, calls, total_exec_time, mean_exec_time, rows FROM pg_stat_statements
        WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND queryid IS NOT NULL
        ORDER BY total_exec_time DESC LIMIT 20
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _serverIsLocal;
    private readonly LabelSet _labels;
    private readonly SeriesKey _locksWaiting;
    private readonly SeriesKey _blocked;
    private readonly SeriesKey _size;
    private readonly SeriesKey _diskAvailable;
    private readonly SeriesKey _diskPercent;
    private readonly SeriesKey _statementsAvailable;
    private readonly Dictionary<string, SeriesKey> _states = new(StringComparer.Ordinal);
    private readonly Dictionary<long, StatementKeys> _statements = [];
    private readonly object _poolGate = new();
    private ConnectionPoolUsage _pool;

    /// <summary>Creates the source.</summary>
    /// <param name="name">The <c>db</c> label value.</param>
    /// <param name="dataSource">Where connections come from (not disposed by the source).</param>
    /// <param name="serverIsLocal">Whether the server runs on this machine (then free disk under its data directory is read).</param>
    public PostgreSqlActivitySource(string name, NpgsqlDataSource dataSource, bool serverIsLocal)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
        _serverIsLocal = serverIsLocal;
        _labels = LabelSet.Create(new Label("db", name));
        _locksWaiting = SeriesKey.Create(DatabaseMetricNames.LocksWaiting, _labels);
        _blocked = SeriesKey.Create(DatabaseMetricNames.SessionsBlocked, _labels);
        _size = SeriesKey.Create(PostgreSqlMetricNames.DatabaseSizeBytes, _labels);
        _diskAvailable = SeriesKey.Create(DatabaseMetricNames.DiskAvailableBytes, _labels);
        _diskPercent = SeriesKey.Create(DatabaseMetricNames.DiskUsagePercent, _labels);
        _statementsAvailable = SeriesKey.Create(PostgreSqlMetricNames.StatStatementsAvailable, _labels);
        Name = "postgresql-activity." + name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The connection slots at the last poll: client connections of the server against the connections it allows (zero before the first poll).</summary>
    /// <returns>In use = connected client backends (a connection holds its slot, busy or idle), idle 0 (a server keeps no idle slots), max = <c>max_connections − superuser_reserved_connections</c>.</returns>
    /// <remarks>Thread-safe: the database's metrics read it on their own poll's thread.</remarks>
    public ConnectionPoolUsage PoolUsage()
    {
        lock (_poolGate)
        {
            return _pool;
        }
    }

    /// <inheritdoc />
    public void Poll(long timestampTicks, IObserver<MetricSample> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        using var connection = _dataSource.OpenConnection();
        bool hasStatements;
        using (var command = Command(connection, ActivitySql))
        using (var reader = command.ExecuteReader())
        {
            reader.Read();
            observer.OnNext(new MetricSample(_locksWaiting, timestampTicks, reader.GetInt64(0)));
            observer.OnNext(new MetricSample(_blocked, timestampTicks, reader.GetInt64(1)));
            var pool = new ConnectionPoolUsage((int)reader.GetInt64(2), 0, Math.Max(1, reader.GetInt32(3)));
            lock (_poolGate)
            {
                _pool = pool;
            }

            observer.OnNext(new MetricSample(_size, timestampTicks, reader.GetInt64(4)));
            if (_serverIsLocal && !reader.IsDBNull(5))
            {
                WriteDisk(reader.GetString(5), timestampTicks, observer);
            }

            hasStatements = reader.GetBoolean(6);
        }

        WriteStates(connection, timestampTicks, observer);
        var statements = hasStatements && WriteStatements(connection, timestampTicks, observer);
        observer.OnNext(new MetricSample(_statementsAvailable, timestampTicks, statements ? 1 : 0));
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql) =>
        new(sql, connection) { CommandTimeout = CommandTimeoutSeconds };

    private void WriteDisk(string dataDirectory, long timestampTicks, IObserver<MetricSample> observer)
    {
        if (FileSystemStats.TryRead(dataDirectory, out var disk) && disk.TotalBytes > 0)
        {
            var used = (double)(disk.TotalBytes - disk.FreeBytes);
            var usable = used + disk.AvailableBytes;
            observer.OnNext(new MetricSample(_diskAvailable, timestampTicks, disk.AvailableBytes));
            observer.OnNext(new MetricSample(_diskPercent, timestampTicks, usable > 0 ? 100.0 * used / usable : 0));
        }
    }

    private void WriteStates(NpgsqlConnection connection, long timestampTicks, IObserver<MetricSample> observer)
    {
        using var command = Command(connection, StatesSql);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var state = reader.GetString(0);
            if (!_states.TryGetValue(state, out var key))
            {
                key = SeriesKey.Create(PostgreSqlMetricNames.Connections, _labels.With(new Label("state", state)));
                _states.Add(state, key);
            }

            observer.OnNext(new MetricSample(key, timestampTicks, reader.GetInt64(1)));
        }
    }

    private bool WriteStatements(NpgsqlConnection connection, long timestampTicks, IObserver<MetricSample> observer)
    {
        try
        {
            using var command = Command(connection, StatementsSql);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var keys = Keys(reader.GetInt64(0), reader.IsDBNull(1) ? string.Empty : reader.GetString(1));
                observer.OnNext(new MetricSample(keys.Calls, timestampTicks, reader.GetInt64(2)));
                observer.OnNext(new MetricSample(keys.ExecSeconds, timestampTicks, reader.GetDouble(3) / 1000));
                observer.OnNext(new MetricSample(keys.MeanSeconds, timestampTicks, reader.GetDouble(4) / 1000));
                observer.OnNext(new MetricSample(keys.Rows, timestampTicks, reader.GetInt64(5)));
            }

            return true;
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.ObjectNotInPrerequisiteState or PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InsufficientPrivilege)
        {
            // Installed but not loaded (shared_preload_libraries), in a schema off the search path, or not readable: no statement figures.
            return false;
        }
    }

    private StatementKeys Keys(long queryId, string query)
    {
        if (_statements.TryGetValue(queryId, out var keys))
        {
            return keys;
        }

        var labels = _labels.With(new Label("queryid", queryId.ToString(CultureInfo.InvariantCulture)), new Label("statement", SqlNormalizer.Normalize(query)));
        keys = new StatementKeys(
            SeriesKey.Create(PostgreSqlMetricNames.StatementCallsTotal, labels),
            SeriesKey.Create(PostgreSqlMetricNames.StatementExecSecondsTotal, labels),
            SeriesKey.Create(PostgreSqlMetricNames.StatementMeanExecSeconds, labels),
            SeriesKey.Create(PostgreSqlMetricNames.StatementRowsTotal, labels));
        if (_statements.Count < MaxCachedStatements)
        {
            _statements.Add(queryId, keys);
        }

        return keys;
    }

    private sealed record StatementKeys(SeriesKey Calls, SeriesKey ExecSeconds, SeriesKey MeanSeconds, SeriesKey Rows);
}
