namespace AlphaTrade.RxMonitor.Sources.Database;

/// <summary>The metric names of database instrumentation (label <c>db</c> on all; <c>statement</c> on per-statement series).</summary>
public static class DatabaseMetricNames
{
    /// <summary>Commands executed (cumulative).</summary>
    public const string QueriesTotal = "db_queries_total";

    /// <summary>Commands that threw (cumulative).</summary>
    public const string QueryFailuresTotal = "db_query_failures_total";

    /// <summary>Mean command duration over the last poll interval (only when commands ran).</summary>
    public const string QueryDurationAverageSeconds = "db_query_duration_average_seconds";

    /// <summary>Command duration quantiles over the last poll interval; label <c>quantile</c>.</summary>
    public const string QueryDurationSeconds = "db_query_duration_seconds";

    /// <summary>Failed commands over the last 5 minutes (one-minute buckets): the seed's "failed queries" figure.</summary>
    public const string QueryFailuresRecent = "db_query_failures_recent";

    /// <summary>Mean command duration over the last 5 minutes (one-minute buckets; only when commands ran): the seed's "average query time".</summary>
    public const string QueryDurationRecentAverageSeconds = "db_query_duration_recent_average_seconds";

    /// <summary>Rows affected by commands (cumulative; SELECTs report 0).</summary>
    public const string RowsTotal = "db_rows_total";

    /// <summary>Calls per normalized statement (cumulative).</summary>
    public const string StatementCallsTotal = "db_statement_calls_total";

    /// <summary>Failures per normalized statement (cumulative).</summary>
    public const string StatementFailuresTotal = "db_statement_failures_total";

    /// <summary>Total time spent per normalized statement (cumulative; rate() of it over rate() of calls is the mean).</summary>
    public const string StatementDurationSecondsTotal = "db_statement_duration_seconds_total";

    /// <summary>Rows affected per normalized statement (cumulative).</summary>
    public const string StatementRowsTotal = "db_statement_rows_total";

    /// <summary>Lock contention occurrences (SQLITE_BUSY/LOCKED, deadlocks, lock timeouts) (cumulative).</summary>
    public const string LockContentionsTotal = "db_lock_contentions_total";

    /// <summary>Time spent waiting on contended locks before giving up (cumulative).</summary>
    public const string LockWaitSecondsTotal = "db_lock_wait_seconds_total";

    /// <summary>Lock requests waiting to be granted in the database (PostgreSQL: ungranted <c>pg_locks</c> of its sessions).</summary>
    public const string LocksWaiting = "db_locks_waiting";

    /// <summary>Sessions of the database blocked by another session's lock (PostgreSQL: <c>pg_blocking_pids</c> not empty).</summary>
    public const string SessionsBlocked = "db_sessions_blocked";

    /// <summary>Pooled connections; label <c>state</c> = <c>in_use</c> or <c>idle</c>.</summary>
    public const string PoolConnections = "db_pool_connections";

    /// <summary>The pool's maximum size.</summary>
    public const string PoolMaxConnections = "db_pool_max_connections";

    /// <summary>Connections in use in percent of the maximum.</summary>
    public const string PoolUsagePercent = "db_pool_usage_percent";

    /// <summary>Latency of the periodic probe query.</summary>
    public const string ProbeLatencySeconds = "db_probe_latency_seconds";

    /// <summary>1 when the last probe query succeeded, else 0.</summary>
    public const string ProbeUp = "db_probe_up";

    /// <summary>Bytes available to the database on the file system that holds it (its file, or the server's data directory).</summary>
    public const string DiskAvailableBytes = "db_disk_available_bytes";

    /// <summary>Used / (used + available) in percent on that file system.</summary>
    public const string DiskUsagePercent = "db_disk_usage_percent";
}
