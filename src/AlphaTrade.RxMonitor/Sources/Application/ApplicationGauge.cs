using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Sources.Application;

/// <summary>A value the application sets (a queue length) or that is read on each poll.</summary>
/// <remarks>Thread-safe; <see cref="Set"/> is a single atomic write.</remarks>
public sealed class ApplicationGauge
{
    private readonly Func<double>? _observe;
    private double _value = double.NaN;

    internal ApplicationGauge(SeriesKey key, Func<double>? observe)
    {
        Key = key;
        _observe = observe;
    }

    /// <summary>The series this gauge reports.</summary>
    public SeriesKey Key { get; }

    /// <summary>Sets the current value (ignored for a gauge created with a callback).</summary>
    /// <param name="value">The value.</param>
    public void Set(double value) => Volatile.Write(ref _value, value);

    internal void Emit(long ticks, IObserver<MetricSample> observer)
    {
        var value = _observe is null ? Volatile.Read(ref _value) : _observe();
        if (!double.IsNaN(value) || _observe is not null)
        {
            observer.OnNext(new MetricSample(Key, ticks, value));
        }
    }
}
