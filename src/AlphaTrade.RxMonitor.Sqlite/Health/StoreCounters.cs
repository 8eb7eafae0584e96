namespace AlphaTrade.RxMonitor.Sqlite.Health;

/// <summary>The store's counters, updated with <see cref="Interlocked"/> from producers and the writer.</summary>
internal sealed class StoreCounters
{
    public long Enqueued;
    public long Committed;
    public long DroppedQueueFull;
    public long DroppedWriteFailed;
    public long Batches;
    public long LateSamples;
    public long InvalidSamples;
    public long LastTransitionId;
    public long DroppedSketches;

    public SqliteStoreStatistics Snapshot() => new(
        Interlocked.Read(ref Enqueued),
        Interlocked.Read(ref Committed),
        Interlocked.Read(ref DroppedQueueFull),
        Interlocked.Read(ref DroppedWriteFailed),
        Interlocked.Read(ref Batches),
        Interlocked.Read(ref LateSamples),
        Interlocked.Read(ref InvalidSamples),
        Interlocked.Read(ref LastTransitionId),
        Interlocked.Read(ref DroppedSketches));
}
