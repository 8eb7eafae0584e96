using AlphaTrade.RxMonitor.Health;

namespace AlphaTrade.RxMonitor.Sqlite.Health;

/// <summary>A snapshot of the store's health.</summary>
/// <param name="Status">The status.</param>
/// <param name="Path">The database file the store uses.</param>
/// <param name="Description">Why the store has this status, naming the file and the SQLite error when there is one.</param>
/// <param name="Exception">The last error, when the store is unhealthy because of one.</param>
public sealed record SqliteStoreHealth(
    HealthStatus Status,
    string Path,
    string Description,
    Exception? Exception);
