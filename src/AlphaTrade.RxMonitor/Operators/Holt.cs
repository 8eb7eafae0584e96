using System.Reactive.Linq;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Operators;

public static partial class MetricObservableExtensions
{
    /// <summary>
    /// Per-series Holt (double exponential) smoothing: a level and a trend updated with each sample, emitting the
    /// smoothed level — the recurrence of PromQL's <c>holt_winters</c> (Prometheus 2.x; <c>double_exponential_smoothing</c>
    /// in 3.x) run over the whole stream.
    /// </summary>
    /// <param name="source">The samples.</param>
    /// <param name="smoothingFactor">The level's weight on the newest sample (PromQL <c>sf</c>), 0 &lt; sf &lt; 1.</param>
    /// <param name="trendFactor">The trend's weight on the newest level change (PromQL <c>tf</c>), 0 &lt; tf &lt; 1.</param>
    /// <returns>For every sample, a sample of the same series and time carrying the smoothed level.</returns>
    /// <remarks>
    /// As in Prometheus: the first sample is the level; the second sets the trend to the difference of the first
    /// two (and the level to the second value); from the third on, trend = tf·(level − previous level) + (1 − tf)·trend
    /// using the two previous levels, then level = sf·x + (1 − sf)·(level + trend). So after n samples the output
    /// equals <c>holt_winters(series[range], sf, tf)</c> over a range holding exactly those samples. State is one
    /// table entry per series, forgotten after <see cref="SeriesIdleAfter"/> without a sample; no allocation per sample. Errors and completion are forwarded.
    /// </remarks>
    public static IObservable<MetricSample> Holt(this IObservable<MetricSample> source, double smoothingFactor, double trendFactor)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!(smoothingFactor > 0 && smoothingFactor < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(smoothingFactor), smoothingFactor, "The smoothing factor must be in (0, 1).");
        }

        if (!(trendFactor > 0 && trendFactor < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(trendFactor), trendFactor, "The trend factor must be in (0, 1).");
        }

        return Observable.Create<MetricSample>(observer => source.Subscribe(new HoltSink(observer, smoothingFactor, trendFactor)));
    }

    private sealed class HoltSink(IObserver<MetricSample> downstream, double sf, double tf) : IObserver<MetricSample>
    {
        private readonly SeriesTable<HoltState> _series = new(SeriesIdleAfter);

        public void OnNext(MetricSample value)
        {
            ref var state = ref _series.GetOrAdd(value.Key, value.TimestampTicks, out _);
            var x = value.Value;
            switch (state.Count)
            {
                case 0:
                    state.Level = x;
                    break;
                case 1:
                    state.Trend = x - state.Level;
                    state.PreviousLevel = state.Level;
                    state.Level = (sf * x) + ((1 - sf) * (state.Level + state.Trend));
                    break;
                default:
                    state.Trend = (tf * (state.Level - state.PreviousLevel)) + ((1 - tf) * state.Trend);
                    state.PreviousLevel = state.Level;
                    state.Level = (sf * x) + ((1 - sf) * (state.Level + state.Trend));
                    break;
            }

            state.Count = Math.Min(state.Count + 1, 2);
            downstream.OnNext(new MetricSample(value.Key, value.TimestampTicks, state.Level));
        }

        public void OnError(Exception error) => downstream.OnError(error);

        public void OnCompleted() => downstream.OnCompleted();
    }

    private struct HoltState
    {
        public int Count;
        public double Level;
        public double PreviousLevel;
        public double Trend;
    }
}
