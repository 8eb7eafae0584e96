using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;
using AlphaTrade.RxMonitor.Sqlite.Rollups;

namespace AlphaTrade.RxMonitor.Sqlite.Writing;

/// <summary>One entry of the write queue: a closed roll-up bucket (inline, no allocation; its sketch comes from the store's <c>SketchPool</c>) or a record.</summary>
internal readonly struct StoreWrite
{
    private StoreWrite(StoreWriteKind kind, object? record)
    {
        Kind = kind;
        Record = record;
    }

    private StoreWrite(SeriesKey series, RollupResolution resolution, long bucketSeconds, long count, double sum, double min, double max, double last, DDSketch? sketch)
    {
        Kind = StoreWriteKind.Rollup;
        Record = sketch;
        Series = series;
        Resolution = resolution;
        BucketSeconds = bucketSeconds;
        Count = count;
        Sum = sum;
        Min = min;
        Max = max;
        Last = last;
    }

    public StoreWriteKind Kind { get; }

    /// <summary>The record; for a roll-up, the bucket's sketch (or null), which the writer returns to the pool.</summary>
    public object? Record { get; }

    public SeriesKey? Series { get; }

    public RollupResolution Resolution { get; }

    public long BucketSeconds { get; }

    public long Count { get; }

    public double Sum { get; }

    public double Min { get; }

    public double Max { get; }

    public double Last { get; }

    public static StoreWrite Rollup(SeriesKey series, RollupResolution resolution, long bucketSeconds, long count, double sum, double min, double max, double last, DDSketch? sketch = null) =>
        new(series, resolution, bucketSeconds, count, sum, min, max, last, sketch);

    public static StoreWrite Of(StoreWriteKind kind, object? record) => new(kind, record);
}
