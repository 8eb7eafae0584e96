namespace AlphaTrade.RxMonitor.Sqlite.Health;

/// <summary>The store's health, in the order of the health monitor's statuses.</summary>
public enum StoreHealthStatus
{
    /// <summary>Writes commit and nothing was dropped recently.</summary>
    Healthy = 0,

    /// <summary>Writes commit, but the queue overflowed recently and writes were dropped.</summary>
    Degraded = 1,

    /// <summary>The database cannot be opened or written (corrupt file, read-only or full disk); writes are dropped.</summary>
    Unhealthy = 2,
}
