using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Sources.Database;
using Microsoft.Data.Sqlite;

namespace AlphaTrade.RxMonitor.Sqlite.Sources;

/// <summary>
/// The <c>sqlite</c> database provider: per database a probe query, the command and pool instrumentation it feeds,
/// and the storage figures (<see cref="SqliteStorageSource"/>: size, freelist, WAL, free disk).
/// </summary>
/// <remarks>
/// The database is opened read-only (never created, never written): a missing file is a failed probe (down), and
/// the storage source reports the missing file as a failed poll. SQLite has no lock table nor server sessions, so it
/// has no <c>db_locks_waiting</c>; its lock contention shows as <c>SQLITE_BUSY</c> in <c>db_lock_contentions_total</c>,
/// and its pool figures count this monitor's own connections.
/// </remarks>
public sealed class SqliteDatabaseProvider : IDatabaseSourceProvider
{
    /// <inheritdoc />
    public string Name => "sqlite";

    /// <inheritdoc />
    public IReadOnlyList<ConfigurationProblem> Validate(DatabaseSourceOptions options, KeyPath path)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(path);
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(options.ConnectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            // Microsoft.Data.Sqlite's message ends with a link to its documentation; the first sentence says what is wrong.
            var reason = e.Message.Split(". ", 2)[0].TrimEnd('.');
            return [new ConfigurationProblem(path.Of(options).Key(nameof(DatabaseSourceOptions.ConnectionString)).ToString(), $"not a SQLite connection string: {reason}.")];
        }

        if (string.IsNullOrWhiteSpace(builder.DataSource))
        {
            return [new ConfigurationProblem(path.Of(options).Key(nameof(DatabaseSourceOptions.ConnectionString)).ToString(), "names no database file (Data Source=PATH).")];
        }

        return builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory
            ? [new ConfigurationProblem(path.Of(options).Key(nameof(DatabaseSourceOptions.ConnectionString)).ToString(), "an in-memory database cannot be watched from outside; name a database file.")]
            : [];
    }

    /// <inheritdoc />
    public MonitoredDatabase Create(DatabaseSourceOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString) { Mode = SqliteOpenMode.ReadOnly };
        var connectionString = builder.ToString();
        var metrics = new DatabaseMetrics(SqliteMonitoring.Options(options.Name), timeProvider);
        var probe = new DatabaseProbeSource(metrics, () => SqliteMonitoring.CreateConnection(connectionString, metrics), options.Probe);
        var storage = new SqliteStorageSource(options.Name, builder.DataSource);
        return new MonitoredDatabase(metrics, [probe, metrics, storage], options.Interval);
    }
}
