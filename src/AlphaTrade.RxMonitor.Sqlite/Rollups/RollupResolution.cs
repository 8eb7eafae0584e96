namespace AlphaTrade.RxMonitor.Sqlite.Rollups;

/// <summary>The resolutions the store rolls series up at; each has its own table and retention.</summary>
public enum RollupResolution
{
    /// <summary>10-second buckets (table <c>rollup_10s</c>).</summary>
    TenSeconds = 0,

    /// <summary>1-minute buckets (table <c>rollup_1m</c>).</summary>
    OneMinute = 1,

    /// <summary>1-hour buckets (table <c>rollup_1h</c>).</summary>
    OneHour = 2,
}
