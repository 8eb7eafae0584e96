namespace AlphaTrade.RxMonitor.Sqlite.Writing;

/// <summary>What a queued write does.</summary>
internal enum StoreWriteKind : byte
{
    Rollup = 0,
    Transition = 1,
    Notification = 2,
    Silence = 3,
    Flush = 4,
    Maintenance = 5,
    Delivery = 6,
}
