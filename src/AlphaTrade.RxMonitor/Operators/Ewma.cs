using System.Reactive.Linq;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Operators;

public static partial class MetricObservableExtensions
{
    /// <summary>
    /// Per-series exponentially weighted moving average: each sample becomes
    /// s = α·x + (1 − α)·s_previous, the first sample of a series being its own average.
    /// </summary>
    /// <param name="source">The samples.</param>
    /// <param name="alpha">The weight of the newest sample, 0 &lt; α ≤ 1 (1 passes values through).</param>
    /// <returns>For every sample, a sample of the same series and time carrying the average.</returns>
    /// <remarks>
    /// The weight is per sample, which suits regularly sampled series; for irregular ones use the half-life
    /// overload. State is one table entry per series, forgotten after <see cref="SeriesIdleAfter"/> without a sample; no allocation per sample, no scheduler. Errors and
    /// completion are forwarded.
    /// </remarks>
    public static IObservable<MetricSample> Ewma(this IObservable<MetricSample> source, double alpha)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!(alpha > 0 && alpha <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Alpha must be in (0, 1].");
        }

        return Observable.Create<MetricSample>(observer => source.Subscribe(new EwmaSink(observer, alpha, 0)));
    }

    /// <summary>
    /// Per-series exponentially weighted moving average in event time: a sample Δt after the previous one gets
    /// the weight α = 1 − 2^(−Δt / half-life), so a sample's influence halves every <paramref name="halfLife"/>
    /// however irregular the sampling.
    /// </summary>
    /// <param name="source">The samples, per series in non-decreasing time.</param>
    /// <param name="halfLife">The time over which a sample's weight halves; positive.</param>
    /// <returns>For every sample, a sample of the same series and time carrying the average.</returns>
    /// <remarks>A sample at the same time as the previous one gets weight 0 (it does not move the average); a sample older than the previous one is treated as simultaneous. No allocation per sample.</remarks>
    public static IObservable<MetricSample> Ewma(this IObservable<MetricSample> source, TimeSpan halfLife)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(halfLife, TimeSpan.Zero);
        return Observable.Create<MetricSample>(observer => source.Subscribe(new EwmaSink(observer, 0, halfLife.Ticks)));
    }

    private sealed class EwmaSink(IObserver<MetricSample> downstream, double alpha, long halfLifeTicks) : IObserver<MetricSample>
    {
        private readonly SeriesTable<(long Time, double Average)> _series = new(SeriesIdleAfter);

        public void OnNext(MetricSample value)
        {
            ref var state = ref _series.GetOrAdd(value.Key, value.TimestampTicks, out var added);
            if (added)
            {
                state = (value.TimestampTicks, value.Value);
            }
            else
            {
                var weight = halfLifeTicks == 0 ? alpha : TimeWeight(value.TimestampTicks - state.Time);
                state = (Math.Max(state.Time, value.TimestampTicks), (weight * value.Value) + ((1 - weight) * state.Average));
            }

            downstream.OnNext(new MetricSample(value.Key, value.TimestampTicks, state.Average));
        }

        public void OnError(Exception error) => downstream.OnError(error);

        public void OnCompleted() => downstream.OnCompleted();

        private double TimeWeight(long elapsedTicks) =>
            elapsedTicks <= 0 ? 0 : 1 - Math.Pow(2, -(double)elapsedTicks / halfLifeTicks);
    }
}
