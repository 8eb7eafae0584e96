using AlphaTrade.RxMonitor.Analytics;
namespace AlphaTrade.RxMonitor.Sqlite.Rollups;

/// <summary>Widths, chunks and table names of the roll-up resolutions.</summary>
/// <remarks>
/// A segment (one SQL row) holds buckets of one series within one chunk: <see cref="BucketsPerChunk"/> buckets
/// aligned to the unix epoch (10 s → 1 h, 1 min → 6 h, 1 h → 15 days).
/// </remarks>
internal static class RollupResolutions
{
    public const int Count = 3;

    public const int BucketsPerChunk = 360;

    public static ReadOnlySpan<long> WidthSeconds => [10, 60, 3600];

    public static long WidthTicks(RollupResolution resolution) => WidthSeconds[(int)resolution] * TimeSpan.TicksPerSecond;

    public static long ChunkSeconds(int resolution) => WidthSeconds[resolution] * BucketsPerChunk;

    /// <summary>The start (unix seconds) of the chunk holding <paramref name="bucketSeconds"/>.</summary>
    public static long ChunkOf(int resolution, long bucketSeconds)
    {
        var chunk = ChunkSeconds(resolution);
        return bucketSeconds - (((bucketSeconds % chunk) + chunk) % chunk);
    }

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
