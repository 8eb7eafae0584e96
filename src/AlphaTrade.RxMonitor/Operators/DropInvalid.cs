using System.Reactive.Linq;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Operators;

public static partial class MetricObservableExtensions
{
    /// <summary>
    /// Drops invalid samples — NaN or infinite values, and samples older than their series' newest sample by
    /// more than <paramref name="allowedLateness"/> — counting each kind; every other sample passes unchanged.
    /// </summary>
    /// <param name="source">The samples.</param>
    /// <param name="allowedLateness">
    /// How far behind its series' newest sample a sample may be and still pass; <see cref="TimeSpan.Zero"/>
    /// (strict order: only samples at or after the newest pass) suits detectors, which require non-decreasing time.
    /// </param>
    /// <param name="counters">Where the drops are counted; may be shared and read from any thread.</param>
    /// <returns>The valid samples.</returns>
    /// <remarks>
    /// Lateness is measured in event time per series, against the newest timestamp seen for that series (a late
    /// sample never moves it back). Per-series state is one table entry, created on the series' first
    /// sample and forgotten after <see cref="SeriesIdleAfter"/> without one; no allocation per sample afterwards. No scheduler, no timers. An error or completion of the source
    /// is forwarded.
    /// </remarks>
    public static IObservable<MetricSample> DropInvalid(
        this IObservable<MetricSample> source,
        TimeSpan allowedLateness,
        SampleHygieneCounters counters)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(allowedLateness, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(counters);
        return Observable.Create<MetricSample>(observer =>
            source.Subscribe(new DropInvalidSink(observer, allowedLateness.Ticks, counters)));
    }

    private sealed class DropInvalidSink(IObserver<MetricSample> downstream, long latenessTicks, SampleHygieneCounters counters)
        : IObserver<MetricSample>
    {
        private readonly SeriesTable<long> _newest = new(SeriesIdleAfter);

        public void OnNext(MetricSample value)
        {
            if (!double.IsFinite(value.Value))
            {
                counters.CountNonFinite();
                return;
            }

            ref var newest = ref _newest.GetOrAdd(value.Key, value.TimestampTicks, out var added);
            if (added || value.TimestampTicks > newest)
            {
                newest = value.TimestampTicks;
            }
            else if (newest - value.TimestampTicks > latenessTicks)
            {
                counters.CountLate();
                return;
            }

            downstream.OnNext(value);
        }

        public void OnError(Exception error) => downstream.OnError(error);

        public void OnCompleted() => downstream.OnCompleted();
    }
}
