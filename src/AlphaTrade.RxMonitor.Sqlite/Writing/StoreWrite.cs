using AlphaTrade.RxMonitor.Analytics;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Sqlite.Writing;

/// <summary>One entry of the write queue: a closed roll-up bucket (inline, no allocation; its serialized sketch waits in the store's <see cref="SketchArena"/>) or a record.</summary>
internal readonly struct StoreWrite
{
    private StoreWrite(StoreWriteKind kind, object? record)
    {
        Kind = kind;
        Record = record;
    }

    private StoreWrite(SeriesKey series, RollupResolution resolution, long bucketSeconds, long count, double sum, double min, double max, double last, long sketchPosition, int sketchLength)
    {
        Kind = StoreWriteKind.Rollup;
        SketchPosition = sketchPosition;
        SketchLength = sketchLength;
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

    public object? Record { get; }

    public SeriesKey? Series { get; }

    public RollupResolution Resolution { get; }

    public long BucketSeconds { get; }

    public long Count { get; }

    public double Sum { get; }

    public double Min { get; }

    public double Max { get; }

    public double Last { get; }

    /// <summary>Where the bucket's serialized sketch is in the store's <see cref="SketchArena"/>.</summary>
    public long SketchPosition { get; }

    /// <summary>The sketch's length; 0 when the bucket has none.</summary>
    public int SketchLength { get; }

    /// <summary>A closed bucket without a sketch.</summary>
    public static StoreWrite Rollup(SeriesKey series, RollupResolution resolution, long bucketSeconds, long count, double sum, double min, double max, double last) =>
        new(series, resolution, bucketSeconds, count, sum, min, max, last, 0, 0);

    /// <summary>A closed bucket whose sketch was appended to the store's <see cref="SketchArena"/>.</summary>
    public static StoreWrite Rollup(SeriesKey series, RollupResolution resolution, long bucketSeconds, long count, double sum, double min, double max, double last, long sketchPosition, int sketchLength) =>
        new(series, resolution, bucketSeconds, count, sum, min, max, last, sketchPosition, sketchLength);

    public static StoreWrite Of(StoreWriteKind kind, object? record) => new(kind, record);
}
