namespace AlphaTrade.RxMonitor.Analytics;

/// <summary>The hourly means a <see cref="Detectors.SeasonalBaseline"/> is built from, read from stored 1-hour roll-ups.</summary>
internal static class HourlyMeans
{
    /// <summary>The start and mean of every bucket that holds samples (an empty bucket is not a week of its hour).</summary>
    /// <param name="hourly">1-hour roll-up buckets.</param>
    /// <returns>The buckets' starts and means.</returns>
    public static IEnumerable<(DateTimeOffset Start, double Mean)> Of(IEnumerable<RollupPoint> hourly) =>
        hourly.Where(static b => b.Count > 0).Select(static b => (b.Start, b.Mean));
}
