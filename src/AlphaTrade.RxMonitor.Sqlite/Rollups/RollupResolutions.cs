namespace AlphaTrade.RxMonitor.Sqlite.Rollups;

/// <summary>Widths and table names of the roll-up resolutions.</summary>
internal static class RollupResolutions
{
    public const int Count = 3;

    public static ReadOnlySpan<long> WidthSeconds => [10, 60, 3600];

    public static long WidthTicks(RollupResolution resolution) => WidthSeconds[(int)resolution] * TimeSpan.TicksPerSecond;

    public static string Table(RollupResolution resolution) => resolution switch
    {
        RollupResolution.TenSeconds => "rollup_10s",
        RollupResolution.OneMinute => "rollup_1m",
        RollupResolution.OneHour => "rollup_1h",
        _ => throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "Unknown roll-up resolution."),
    };

    public static TimeSpan Retention(SqliteStoreOptions options, RollupResolution resolution) => resolution switch
    {
        RollupResolution.TenSeconds => options.TenSecondRetention,
        RollupResolution.OneMinute => options.OneMinuteRetention,
        _ => options.OneHourRetention,
    };
}
