using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Sources.Application;

/// <summary>A cumulative count the application increments (task failures).</summary>
/// <remarks>Thread-safe (interlocked); allocates nothing.</remarks>
public sealed class ApplicationCounter
{
    private long _count;

    internal ApplicationCounter(SeriesKey key) => Key = key;

    /// <summary>The series this counter reports.</summary>
    public SeriesKey Key { get; }

    /// <summary>The count so far.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Adds to the count.</summary>
    /// <param name="by">How much; must not be negative.</param>
    public void Increment(long by = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(by);
        Interlocked.Add(ref _count, by);
    }

    internal void Emit(long ticks, IObserver<MetricSample> observer) => observer.OnNext(new MetricSample(Key, ticks, Count));
}
