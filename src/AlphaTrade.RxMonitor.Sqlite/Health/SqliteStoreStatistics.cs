namespace AlphaTrade.RxMonitor.Sqlite.Health;

/// <summary>Counters of the store's writer since it was opened.</summary>
/// <param name="Enqueued">Writes accepted into the queue.</param>
/// <param name="Committed">Writes committed to the database.</param>
/// <param name="DroppedQueueFull">Writes dropped because the queue was full.</param>
/// <param name="DroppedWriteFailed">Writes dropped because their batch failed (or the database could not be opened).</param>
/// <param name="Batches">Transactions committed.</param>
/// <param name="LateSamples">Samples dropped by the roll-up writer because their bucket had already been passed.</param>
/// <param name="InvalidSamples">Samples dropped by the roll-up writer because their value was NaN or infinite.</param>
/// <param name="LastTransitionId">The id of the last committed alert transition, 0 when none.</param>
/// <param name="DroppedSketches">Roll-up buckets queued without their quantile sketch because the sketch ring was full (the writer that far behind).</param>
public sealed record SqliteStoreStatistics(
    long Enqueued,
    long Committed,
    long DroppedQueueFull,
    long DroppedWriteFailed,
    long Batches,
    long LateSamples,
    long InvalidSamples,
    long LastTransitionId,
    long DroppedSketches);
