using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators.Prometheus;

namespace AlphaTrade.RxMonitor.Detectors;

/// <summary>
/// Compares a series' current value with a <see cref="ThresholdCondition"/>: PromQL <c>series &gt; 90</c>
/// (or <c>&lt;</c>), plus severity levels, hysteresis and consecutive breaches.
/// </summary>
/// <remarks>
/// The current value at time <c>t</c> is Prometheus's instant-vector value: the newest sample in
/// <c>[t − lookback, t]</c> (lookback 5 minutes by default); without one the result is no data. Each new
/// sample is one observation for the condition's levels and consecutive count; re-evaluating the same sample
/// at later grid times repeats its result. A gap longer than the lookback clears the levels.
/// </remarks>
public sealed class ThresholdDetector : IDetector, IWindowedDetector
{
    /// <summary>Creates the detector.</summary>
    /// <param name="condition">The comparison.</param>
    /// <param name="lookback">How old the newest sample may be; default <see cref="PrometheusFunctions.LookbackDelta"/> (5 minutes).</param>
    public ThresholdDetector(ThresholdCondition condition, TimeSpan? lookback = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var value = lookback ?? PrometheusFunctions.LookbackDelta;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero, nameof(lookback));
        Condition = condition;
        Lookback = value;
    }

    /// <summary>The comparison.</summary>
    public ThresholdCondition Condition { get; }

    /// <summary>How old the newest sample may be before the series has no current value.</summary>
    public TimeSpan Lookback { get; }

    /// <inheritdoc />
    public ISeriesEvaluator CreateEvaluator(SeriesKey series) => new Evaluator(this);

    private sealed class Evaluator(ThresholdDetector detector) : ISeriesEvaluator
    {
        private readonly LevelTracker _levels = new(detector.Condition);
        private readonly long _lookbackTicks = detector.Lookback.Ticks;
        private long _lastTicks = long.MinValue;
        private DetectorResult _last = DetectorResult.NoData;

        public void Add(long timestampTicks, double value)
        {
            if (_lastTicks != long.MinValue && timestampTicks - _lastTicks > _lookbackTicks)
            {
                _levels.Reset();
            }

            _lastTicks = timestampTicks;
            _last = _levels.Observe(value);
        }

        public DetectorResult Evaluate(long timestampTicks)
        {
            if (_lastTicks == long.MinValue || timestampTicks - _lastTicks > _lookbackTicks)
            {
                _levels.Reset();
                return DetectorResult.NoData;
            }

            return _last;
        }
    }
}
