namespace AlphaTrade.RxMonitor.Sqlite.Sources;

/// <summary>
/// The SQLite-specific metric names of <see cref="SqliteStorageSource"/> (label <c>db</c> on all). Its free-disk series
/// are the provider-neutral <c>db_disk_*</c> of <see cref="RxMonitor.Sources.Database.DatabaseMetricNames"/>.
/// </summary>
public static class SqliteMetricNames
{
    /// <summary>page_count × page_size: the database's logical size.</summary>
    public const string DatabaseSizeBytes = "sqlite_database_size_bytes";

    /// <summary>freelist_count × page_size: space inside the file that VACUUM would reclaim.</summary>
    public const string FreelistBytes = "sqlite_freelist_bytes";

    /// <summary>Size of the main database file.</summary>
    public const string FileSizeBytes = "sqlite_file_size_bytes";

    /// <summary>Size of the write-ahead log (<c>-wal</c> file; 0 when absent).</summary>
    public const string WalSizeBytes = "sqlite_wal_size_bytes";
}
