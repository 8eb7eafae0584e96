namespace AlphaTrade.RxMonitor.Analytics;

/// <summary>The bucket widths series are rolled up at; a store keeps each in its own table with its own retention.</summary>
/// <remarks>The SQLite store's tables are <c>rollup_10s</c>, <c>rollup_1m</c> and <c>rollup_1h</c>.</remarks>
public enum RollupResolution
{
    /// <summary>10-second buckets.</summary>
    TenSeconds = 0,

    /// <summary>1-minute buckets.</summary>
    OneMinute = 1,

    /// <summary>1-hour buckets.</summary>
    OneHour = 2,
}
