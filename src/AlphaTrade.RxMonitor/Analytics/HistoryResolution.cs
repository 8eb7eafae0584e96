namespace AlphaTrade.RxMonitor.Analytics;

/// <summary>The bucket widths a metric history keeps (the SQLite store's roll-up resolutions).</summary>
public enum HistoryResolution
{
    /// <summary>10-second buckets.</summary>
    TenSeconds = 0,

    /// <summary>1-minute buckets.</summary>
    OneMinute = 1,

    /// <summary>1-hour buckets.</summary>
    OneHour = 2,
}
