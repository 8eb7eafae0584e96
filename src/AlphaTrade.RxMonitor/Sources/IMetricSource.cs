using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Sources;

/// <summary>A source of metric samples that is read by polling: one poll writes the current value of each of its series.</summary>
/// <remarks>
/// <para>
/// A source creates the <see cref="SeriesKey"/> of each series once, the first time it sees the series, and
/// reuses it on every poll, so a poll allocates nothing beyond what it needs to read (see each source).
/// </para>
/// <para>
/// Threading: <see cref="Poll"/> is called by one poller at a time (never concurrently with itself), on the
/// scheduler the poller was given. It may throw; the poller reports the exception, backs off and retries
/// (see <see cref="MetricSourceObservableExtensions"/>).
/// A source that measures asynchronously (a TCP connect) may write to the observer later,
/// from another thread, but never concurrently with itself.
/// </para>
/// </remarks>
public interface IMetricSource
{
    /// <summary>The source's name, used in failure reports (e.g. <c>linux.cpu</c>).</summary>
    string Name { get; }

    /// <summary>Reads the current values and writes one sample per series to <paramref name="observer"/>.</summary>
    /// <param name="timestampTicks">The poll's event time in UTC ticks; every sample of the poll carries it.</param>
    /// <param name="observer">Receives the samples (only <see cref="IObserver{T}.OnNext"/> is used).</param>
    void Poll(long timestampTicks, IObserver<MetricSample> observer);
}
