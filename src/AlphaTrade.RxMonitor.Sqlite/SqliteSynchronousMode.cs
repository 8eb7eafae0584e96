namespace AlphaTrade.RxMonitor.Sqlite;

/// <summary>How hard SQLite works to make a commit durable (<c>PRAGMA synchronous</c> in WAL mode).</summary>
public enum SqliteSynchronousMode
{
    /// <summary>
    /// The default: a commit is atomic and the database is never corrupted, but a power loss (not a process
    /// crash) may roll back the last commits. No fsync per commit.
    /// </summary>
    Normal = 0,

    /// <summary>Every commit is synced to disk before it is reported committed; survives power loss, slower.</summary>
    Full = 1,
}
