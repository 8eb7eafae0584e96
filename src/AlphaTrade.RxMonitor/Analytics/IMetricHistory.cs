using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Analytics;

/// <summary>Read access to stored series history (roll-ups), independent of the store that keeps it.</summary>
/// <remarks>
/// The analytics read everything through this interface; <c>SqliteStore</c> (in <c>AlphaTrade.RxMonitor.Sqlite</c>)
/// implements it with its roll-ups. Buckets carry their stored quantile sketches (<see cref="RollupPoint.Quantile"/>).
/// Implementations may block on I/O inside the returned tasks and must be safe to call from several threads. A store that cannot answer
/// throws <see cref="InvalidOperationException"/>; the analyzer reports and skips the affected series.
/// </remarks>
public interface IMetricHistory
{
    /// <summary>The series the history holds, optionally only those of one metric.</summary>
    /// <param name="metricName">The metric name, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The series keys.</returns>
    Task<IReadOnlyList<SeriesKey>> QuerySeriesAsync(string? metricName = null, CancellationToken cancellationToken = default);

    /// <summary>The buckets of one series whose start lies in [<paramref name="rangeStart"/>, <paramref name="rangeEnd"/>), oldest first.</summary>
    /// <param name="series">The series.</param>
    /// <param name="resolution">The bucket width.</param>
    /// <param name="rangeStart">Inclusive start.</param>
    /// <param name="rangeEnd">Exclusive end.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The buckets; empty when the series has none there.</returns>
    Task<IReadOnlyList<RollupPoint>> QueryRangeAsync(
        SeriesKey series, RollupResolution resolution, DateTimeOffset rangeStart, DateTimeOffset rangeEnd, CancellationToken cancellationToken = default);
}
