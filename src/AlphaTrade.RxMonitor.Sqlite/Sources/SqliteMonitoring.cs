using AlphaTrade.RxMonitor.Sources.Database;
using Microsoft.Data.Sqlite;

namespace AlphaTrade.RxMonitor.Sqlite.Sources;

/// <summary>Microsoft.Data.Sqlite presets for the provider-neutral database instrumentation.</summary>
public static class SqliteMonitoring
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    /// <summary>Whether <paramref name="error"/> is SQLite lock contention: <c>SQLITE_BUSY</c> (5) or <c>SQLITE_LOCKED</c> (6), extended codes included.</summary>
    /// <param name="error">The exception a command threw.</param>
    /// <returns><see langword="true"/> for BUSY or LOCKED.</returns>
    public static bool IsLockContention(Exception error) =>
        error is SqliteException sqlite && ((sqlite.SqliteErrorCode & 0xFF) is SqliteBusy or SqliteLocked
            || (sqlite.SqliteExtendedErrorCode & 0xFF) is SqliteBusy or SqliteLocked);

    /// <summary>Database metrics options for a SQLite database: the SQLite lock classifier and the given pool size.</summary>
    /// <param name="name">The <c>db</c> label.</param>
    /// <param name="maxPoolSize">The most connections the application opens at once (SQLite's pool has no limit of its own).</param>
    /// <returns>The options.</returns>
    public static DatabaseMetricsOptions Options(string name, int maxPoolSize = 100) => new()
    {
        Name = name,
        MaxPoolSize = maxPoolSize,
        IsLockContention = IsLockContention,
    };

    /// <summary>Opens nothing: creates a monitored SQLite connection for <paramref name="connectionString"/>.</summary>
    /// <param name="connectionString">The Microsoft.Data.Sqlite connection string.</param>
    /// <param name="metrics">The database's instrumentation.</param>
    /// <returns>A closed, instrumented connection.</returns>
    public static InstrumentedDbConnection CreateConnection(string connectionString, DatabaseMetrics metrics) =>
        new SqliteConnection(connectionString).WithMonitoring(metrics);
}
