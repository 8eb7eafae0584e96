namespace AlphaTrade.RxMonitor.Ingest;

/// <summary>What <see cref="MetricIngest.Record(Metrics.SeriesKey, double)"/> does when the writer's queue is full.</summary>
public enum IngestFullMode
{
    /// <summary>Drop the sample being recorded (the newest); <c>Record</c> returns <see langword="false"/>; counted as dropped.</summary>
    DropNewest = 0,

    /// <summary>Evict the oldest queued sample to make room; <c>Record</c> returns <see langword="true"/>; the eviction is counted as dropped.</summary>
    DropOldest = 1,

    /// <summary>
    /// Refuse the sample and tell the caller: <c>Record</c> returns <see langword="false"/>; counted as rejected.
    /// For callers that keep their own back-log and retry.
    /// </summary>
    Reject = 2,
}
