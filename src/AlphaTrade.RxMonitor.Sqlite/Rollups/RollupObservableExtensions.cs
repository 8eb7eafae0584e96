using System.Reactive.Concurrency;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Sqlite.Rollups;

/// <summary>Feeds a sample stream into the SQLite store's roll-ups.</summary>
public static class RollupObservableExtensions
{
    /// <summary>
    /// Subscribes to <paramref name="samples"/> and writes 10-second, 1-minute and 1-hour roll-ups (count, sum,
    /// min, max, last and a DDSketch of the bucket's values) of every series to <paramref name="store"/>.
    /// </summary>
    /// <param name="samples">The samples (a serialized stream, as the pipeline delivers).</param>
    /// <param name="store">The store.</param>
    /// <param name="scheduler">
    /// The scheduler that delivers <paramref name="samples"/> (the pipeline's ingest loop; the test's scheduler in
    /// virtual time): the sweep that closes quiet series' buckets runs on it, serialized with the samples, so no lock
    /// is taken per sample.
    /// </param>
    /// <returns>The subscription; disposing it writes the partial buckets and stops.</returns>
    /// <remarks>
    /// Allocates nothing per sample. A closed bucket is queued to the store's writer without blocking; when
    /// the queue is full it is dropped and counted. Buckets close by event time and, for quiet series, by
    /// the scheduler's clock (see the store documentation). Late, NaN and infinite samples are counted in
    /// <see cref="SqliteStore.Statistics"/> and dropped. Upstream completion or error writes the partial buckets.
    /// Each series keeps one sketch per resolution while it has an open bucket (about 1.2 KB each at first, up to tens
    /// of KB for values spanning many orders of magnitude); a series whose buckets all closed is forgotten until its
    /// next sample, so memory follows the live series, not every series ever seen. A closed
    /// bucket's sketch goes to the writer through a byte ring, and a full ring writes the bucket without its
    /// sketch (counted in <see cref="SqliteStore.Statistics"/> as dropped sketches).
    /// </remarks>
    public static IDisposable WriteRollupsTo(this IObservable<MetricSample> samples, SqliteStore store, IScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(scheduler);
        var writer = new RollupWriter(store, scheduler);
        var subscription = samples.Subscribe(writer);
        return System.Reactive.Disposables.Disposable.Create((subscription, writer), static s =>
        {
            s.subscription.Dispose();
            s.writer.Dispose();
        });
    }
}
