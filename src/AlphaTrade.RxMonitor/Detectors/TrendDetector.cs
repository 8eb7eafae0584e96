using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators.Prometheus;

namespace AlphaTrade.RxMonitor.Detectors;

/// <summary>
/// Trend: PromQL <c>predict_linear(series[window], horizon) &lt; 0</c> (or <c>&gt;</c>): the least-squares
/// line through the window, projected <c>horizon</c> ahead, crosses a limit.
/// </summary>
/// <remarks>
/// The value is the prediction at <c>t + horizon</c> (Prometheus 2.42 semantics; fewer than two samples in
/// <c>[t − window, t]</c> is no data). On a breach, <see cref="DetectorResult.Detail"/> is the time to
/// exhaustion: the seconds from <c>t</c> until the line reaches the breached level's threshold (0 when it is
/// already past it). Rules expose it to annotations as <c>{{ $detail }}</c>.
/// </remarks>
public sealed class TrendDetector : IDetector, IWindowedDetector
{
    /// <summary>Creates the detector.</summary>
    /// <param name="window">The regression window; positive.</param>
    /// <param name="horizon">How far ahead to project; not negative.</param>
    /// <param name="condition">The comparison applied to the projected value (the limit).</param>
    public TrendDetector(TimeSpan window, TimeSpan horizon, ThresholdCondition condition)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(condition);
        Window = window;
        Horizon = horizon;
        Condition = condition;
    }

    /// <summary>The regression window.</summary>
    public TimeSpan Window { get; }

    /// <summary>How far ahead the line is projected.</summary>
    public TimeSpan Horizon { get; }

    /// <summary>The comparison.</summary>
    public ThresholdCondition Condition { get; }

    TimeSpan IWindowedDetector.Lookback => Window;

    /// <inheritdoc />
    public ISeriesEvaluator CreateEvaluator(SeriesKey series) => new Evaluator(this);

    private sealed class Evaluator(TrendDetector detector) : ISeriesEvaluator
    {
        private readonly SampleWindowBuffer _samples = new();
        private readonly LevelTracker _levels = new(detector.Condition);
        private readonly long _windowTicks = detector.Window.Ticks;
        private readonly double _horizonSeconds = detector.Horizon.TotalSeconds;

        public void Add(long timestampTicks, double value)
        {
            _samples.TrimBefore(timestampTicks - _windowTicks);
            _samples.Add(timestampTicks, value);
        }

        public DetectorResult Evaluate(long timestampTicks)
        {
            _samples.TrimBefore(timestampTicks - _windowTicks);
            if (_samples.Count < 2)
            {
                _levels.Reset();
                return DetectorResult.NoData;
            }

            var (slope, intercept) = PrometheusFunctions.LinearRegression(_samples.Ticks, _samples.Values, timestampTicks);
            var result = _levels.Observe((slope * _horizonSeconds) + intercept);
            if (result.Outcome != DetectorOutcome.Breached)
            {
                return result;
            }

            var limit = ThresholdOf(result.Severity);
            var secondsToLimit = detector.Condition.IsBeyond(intercept, limit) ? 0 : (limit - intercept) / slope;
            return result with { Detail = secondsToLimit };
        }

        private double ThresholdOf(Metrics.Severity severity)
        {
            foreach (var level in detector.Condition.LevelSpan)
            {
                if (level.Severity == severity)
                {
                    return level.Threshold;
                }
            }

            return double.NaN;
        }
    }
}
