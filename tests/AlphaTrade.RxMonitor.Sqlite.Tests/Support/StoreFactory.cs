using AlphaTrade.RxMonitor.Diagnostics;

namespace AlphaTrade.RxMonitor.Sqlite.Tests.Support;

/// <summary>Opens stores with test-friendly options: commit as soon as the queue is empty, no background maintenance.</summary>
internal static class StoreFactory
{
    public static SqliteStoreOptions Options(string path) => new()
    {
        Path = path,
        BatchDelay = TimeSpan.Zero,
        MaintenanceInterval = TimeSpan.FromDays(1),
        MaxDatabaseBytes = 0,
    };

    public static SqliteStore Open(string path, TimeProvider? time = null, IFailureListener? listener = null) =>
        SqliteStore.Open(Options(path), time, listener);
}
