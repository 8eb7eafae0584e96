namespace AlphaTrade.RxMonitor.PostgreSql.Sources;

/// <summary>
/// The PostgreSQL-specific metric names of <see cref="PostgreSqlActivitySource"/> (label <c>db</c> on all). Lock waits,
/// blocked sessions, the connection slots and the free disk (<c>db_disk_*</c>, only when the server runs on this machine
/// and the role may read <c>data_directory</c>) are the provider-neutral <c>db_*</c> series of
/// <see cref="RxMonitor.Sources.Database.DatabaseMetricNames"/>.
/// </summary>
public static class PostgreSqlMetricNames
{
    /// <summary>Sessions of the database by <c>state</c> (<c>active</c>, <c>idle</c>, <c>idle in transaction</c>, …) from <c>pg_stat_activity</c>.</summary>
    public const string Connections = "pg_connections";

    /// <summary><c>pg_database_size(current_database())</c>.</summary>
    public const string DatabaseSizeBytes = "pg_database_size_bytes";

    /// <summary>1 when <c>pg_stat_statements</c> is installed in the database and loaded, else 0 (then there are no statement series).</summary>
    public const string StatStatementsAvailable = "pg_stat_statements_available";

    /// <summary>Calls of a statement (cumulative, as <c>pg_stat_statements</c> counts them); labels <c>queryid</c>, <c>statement</c>.</summary>
    public const string StatementCallsTotal = "pg_statement_calls_total";

    /// <summary>Execution time of a statement (cumulative <c>total_exec_time</c>, in seconds).</summary>
    public const string StatementExecSecondsTotal = "pg_statement_exec_seconds_total";

    /// <summary>Mean execution time of a statement (<c>mean_exec_time</c>, in seconds).</summary>
    public const string StatementMeanExecSeconds = "pg_statement_mean_exec_seconds";

    /// <summary>Rows retrieved or affected by a statement (cumulative).</summary>
    public const string StatementRowsTotal = "pg_statement_rows_total";
}
