using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;

namespace AlphaTrade.RxMonitor.Detectors;

/// <summary>
/// The least-squares slope of a series over a sliding window, in units per second, compared with a
/// <see cref="ThresholdCondition"/> (e.g. above 0.5 alerts when the series climbs faster than 0.5/s).
/// </summary>
/// <remarks>
/// <para>
/// At an evaluation time t the window holds the samples with times in [t − <see cref="Window"/>, t] (both ends
/// included, as a Prometheus 2.x range selector), and the slope is the ordinary least-squares fit of value
/// against time, the same figure as PromQL <c>deriv</c>. With fewer than two samples (or all at one time) there
/// is no slope and evaluation gives no data, which clears the condition's levels. Every evaluation with a slope
/// is one observation of the condition. The result's detail is the number of samples fitted.
/// </para>
/// <para>
/// Samples are kept in a reused <see cref="SampleRing"/>, dropped once they leave the window, so after the ring
/// has grown to the window's sample count neither call allocates. Immutable and thread-safe; each evaluator
/// belongs to one series.
/// </para>
/// </remarks>
public sealed class TrendSlopeDetector : IDetector, IWindowedDetector
{
    /// <summary>Creates the detector.</summary>
    /// <param name="window">The sliding window length; positive.</param>
    /// <param name="condition">The comparison applied to the slope (per second).</param>
    public TrendSlopeDetector(TimeSpan window, ThresholdCondition condition)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(condition);
        Window = window;
        Condition = condition;
    }

    /// <summary>The sliding window length.</summary>
    public TimeSpan Window { get; }

    /// <summary>The comparison applied to the slope (per second).</summary>
    public ThresholdCondition Condition { get; }

    /// <inheritdoc />
    TimeSpan IWindowedDetector.Lookback => Window;

    /// <inheritdoc />
    public ISeriesEvaluator CreateEvaluator(SeriesKey series) => new Evaluator(this);

    private sealed class Evaluator(TrendSlopeDetector detector) : ISeriesEvaluator
    {
        private readonly long _window = detector.Window.Ticks;
        private readonly LevelTracker _levels = new(detector.Condition);
        private readonly SampleRing _samples = new();

        public void Add(long timestampTicks, double value)
        {
            _samples.DropBefore(timestampTicks - _window);
            _samples.Add(timestampTicks, value);
        }

        public DetectorResult Evaluate(long timestampTicks)
        {
            _samples.DropBefore(timestampTicks - _window);
            var slope = Slope(_samples, timestampTicks);
            if (double.IsNaN(slope))
            {
                _levels.Reset();
                return DetectorResult.NoData;
            }

            return _levels.Observe(slope, _samples.Count);
        }

        /// <summary>The least-squares slope per second, with times taken relative to <paramref name="origin"/> for precision; NaN when undefined.</summary>
        private static double Slope(SampleRing samples, long origin)
        {
            var n = samples.Count;
            if (n < 2)
            {
                return double.NaN;
            }

            double sumX = 0, sumY = 0;
            for (var i = 0; i < n; i++)
            {
                sumX += Seconds(samples.TimeAt(i), origin);
                sumY += samples.ValueAt(i);
            }

            var meanX = sumX / n;
            var meanY = sumY / n;
            double covariance = 0, varianceX = 0;
            for (var i = 0; i < n; i++)
            {
                var dx = Seconds(samples.TimeAt(i), origin) - meanX;
                covariance += dx * (samples.ValueAt(i) - meanY);
                varianceX += dx * dx;
            }

            return varianceX > 0 ? covariance / varianceX : double.NaN;
        }

        private static double Seconds(long ticks, long origin) => (ticks - origin) / (double)TimeSpan.TicksPerSecond;
    }
}
