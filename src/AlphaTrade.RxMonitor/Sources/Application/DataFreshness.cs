using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Sources.Application;

/// <summary>Tracks when a data set (market data snapshot, reference data) was last refreshed.</summary>
/// <remarks>Thread-safe. The age is measured on the <see cref="TimeProvider"/> the <see cref="ApplicationMetrics"/> was given.</remarks>
public sealed class DataFreshness
{
    private readonly TimeProvider _timeProvider;
    private long _lastFreshTicks;

    internal DataFreshness(SeriesKey key, TimeProvider timeProvider)
    {
        Key = key;
        _timeProvider = timeProvider;
        _lastFreshTicks = timeProvider.GetUtcNow().UtcTicks;
    }

    /// <summary>The <c>app_data_age_seconds</c> series of this data set.</summary>
    public SeriesKey Key { get; }

    /// <summary>When the data set was last marked fresh (or registered).</summary>
    public DateTimeOffset LastFresh => new(Interlocked.Read(ref _lastFreshTicks), TimeSpan.Zero);

    /// <summary>Marks the data set as refreshed now.</summary>
    public void MarkFresh() => Interlocked.Exchange(ref _lastFreshTicks, _timeProvider.GetUtcNow().UtcTicks);

    /// <summary>Seconds since the data set was last refreshed, at <paramref name="ticks"/>.</summary>
    /// <param name="ticks">The time in UTC ticks.</param>
    /// <returns>The age in seconds (never negative).</returns>
    public double AgeSeconds(long ticks) => Math.Max(0, (ticks - Interlocked.Read(ref _lastFreshTicks)) / (double)TimeSpan.TicksPerSecond);

    internal void Emit(long ticks, IObserver<MetricSample> observer) => observer.OnNext(new MetricSample(Key, ticks, AgeSeconds(ticks)));
}
