using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators.Prometheus;

namespace AlphaTrade.RxMonitor.Detectors;

/// <summary>
/// Rate of change: PromQL <c>rate(series[window]) &gt; 5</c> (or <c>increase</c>, <c>delta</c>, <c>deriv</c>;
/// above or below), with the levels, hysteresis and consecutive breaches of a <see cref="ThresholdCondition"/>.
/// </summary>
/// <remarks>
/// At evaluation time <c>t</c> the function runs over the samples in <c>[t − window, t]</c> with Prometheus
/// 2.42's exact semantics (<see cref="PrometheusFunctions"/>); fewer than two samples is no data. Each
/// evaluation is one observation for the condition (its value moves with time even without new samples).
/// For <c>deriv</c> (the least-squares slope per second, PromQL <c>funcDeriv</c>) the result's detail is the number
/// of samples fitted. The samples live in a reused <see cref="SampleWindowBuffer"/>, so once it has grown to the
/// window's sample count neither call allocates.
/// </remarks>
public sealed class RangeFunctionDetector : IDetector, IWindowedDetector
{
    /// <summary>Creates the detector.</summary>
    /// <param name="function">The range function.</param>
    /// <param name="window">The range <c>d</c>; positive.</param>
    /// <param name="condition">The comparison applied to the function's value.</param>
    public RangeFunctionDetector(RangeFunction function, TimeSpan window, ThresholdCondition condition)
    {
        if (!Enum.IsDefined(function))
        {
            throw new ArgumentOutOfRangeException(nameof(function), function, "Unknown range function.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(condition);
        Function = function;
        Window = window;
        Condition = condition;
    }

    /// <summary>The range function.</summary>
    public RangeFunction Function { get; }

    /// <summary>The range <c>d</c>.</summary>
    public TimeSpan Window { get; }

    /// <summary>The comparison.</summary>
    public ThresholdCondition Condition { get; }

    TimeSpan IWindowedDetector.Lookback => Window;

    /// <inheritdoc />
    public ISeriesEvaluator CreateEvaluator(SeriesKey series) => new Evaluator(this);

    private sealed class Evaluator(RangeFunctionDetector detector) : ISeriesEvaluator
    {
        private readonly SampleWindowBuffer _samples = new();
        private readonly LevelTracker _levels = new(detector.Condition);
        private readonly long _windowTicks = detector.Window.Ticks;

        // The time of the sample before the newest counter reset (a decrease): while it is outside the range,
        // the range holds no reset and rate/increase skip their O(n) reset scan.
        private long _lastResetPredecessorTicks = long.MinValue;

        public void Add(long timestampTicks, double value)
        {
            _samples.TrimBefore(timestampTicks - _windowTicks);
            if (_samples.Count > 0 && value < _samples.LastValue)
            {
                _lastResetPredecessorTicks = _samples.LastTicks;
            }

            _samples.Add(timestampTicks, value);
        }

        public DetectorResult Evaluate(long timestampTicks)
        {
            _samples.TrimBefore(timestampTicks - _windowTicks);
            var ticks = _samples.Ticks;
            var values = _samples.Values;
            var resets = ticks.Length > 0 && _lastResetPredecessorTicks >= ticks[0];
            double value;
            var ok = detector.Function switch
            {
                RangeFunction.Rate => PrometheusFunctions.ExtrapolatedRate(ticks, values, timestampTicks, detector.Window, isCounter: true, isRate: true, resets, out value),
                RangeFunction.Increase => PrometheusFunctions.ExtrapolatedRate(ticks, values, timestampTicks, detector.Window, isCounter: true, isRate: false, resets, out value),
                RangeFunction.Delta => PrometheusFunctions.Delta(ticks, values, timestampTicks, detector.Window, out value),
                _ => PrometheusFunctions.Deriv(ticks, values, out value),
            };
            if (!ok)
            {
                _levels.Reset();
                return DetectorResult.NoData;
            }

            return _levels.Observe(value, detector.Function == RangeFunction.Deriv ? ticks.Length : double.NaN);
        }
    }
}
