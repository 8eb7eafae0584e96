using AlphaTrade.RxMonitor.Analytics;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Sqlite.Rollups;

namespace AlphaTrade.RxMonitor.Sqlite.Analytics;

/// <summary>The SQLite store's roll-ups as the analytics' <see cref="IMetricHistory"/>.</summary>
/// <remarks>
/// Each call is one <see cref="SqliteStore.QueryRangeAsync"/> or <see cref="SqliteStore.QuerySeriesAsync"/> on its own
/// read connection (WAL: readers never wait for the writer), so it is safe from any thread. A store that could not
/// be opened throws <see cref="InvalidOperationException"/> naming the file, which the analyzer's report lists as a
/// problem. Roll-ups become visible when their bucket closes and its batch commits.
/// </remarks>
/// <param name="store">The store to read.</param>
public sealed class SqliteMetricHistory(SqliteStore store) : IMetricHistory
{
    private readonly SqliteStore _store = store ?? throw new ArgumentNullException(nameof(store));

    /// <inheritdoc />
    public Task<IReadOnlyList<SeriesKey>> QuerySeriesAsync(string? metricName = null, CancellationToken cancellationToken = default) =>
        _store.QuerySeriesAsync(metricName, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<HistoryBucket>> QueryRangeAsync(
        SeriesKey series, HistoryResolution resolution, DateTimeOffset rangeStart, DateTimeOffset rangeEnd, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(series);
        var rollupResolution = resolution switch
        {
            HistoryResolution.TenSeconds => RollupResolution.TenSeconds,
            HistoryResolution.OneMinute => RollupResolution.OneMinute,
            HistoryResolution.OneHour => RollupResolution.OneHour,
            _ => throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "Unknown resolution."),
        };
        var points = await _store.QueryRangeAsync(series, rollupResolution, rangeStart, rangeEnd, cancellationToken).ConfigureAwait(false);
        var buckets = new HistoryBucket[points.Count];
        for (var i = 0; i < buckets.Length; i++)
        {
            var p = points[i];
            buckets[i] = p.HasSketch
                ? new HistoryBucket(p.Start, p.Count, p.Sum, p.Min, p.Max, p.Last) { P50 = p.Quantile(0.5), P99 = p.Quantile(0.99) }
                : new HistoryBucket(p.Start, p.Count, p.Sum, p.Min, p.Max, p.Last);
        }

        return buckets;
    }
}
