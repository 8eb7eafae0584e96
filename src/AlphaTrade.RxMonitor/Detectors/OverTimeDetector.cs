using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators.Prometheus;

namespace AlphaTrade.RxMonitor.Detectors;

/// <summary>
/// Aggregate over a window: PromQL <c>avg_over_time(series[5m]) &gt; 80</c> and the other
/// <c>*_over_time</c> functions, with the levels, hysteresis and consecutive breaches of a <see cref="ThresholdCondition"/>.
/// </summary>
/// <remarks>
/// At evaluation time <c>t</c> the function runs over the samples in <c>[t − window, t]</c> with Prometheus
/// 2.42's exact semantics; an empty window is no data. Each evaluation is one observation for the condition.
/// <see cref="OverTimeFunction.Quantile"/> sorts a per-series scratch buffer that grows with the window and is reused.
/// </remarks>
public sealed class OverTimeDetector : IDetector, IWindowedDetector
{
    /// <summary>Creates the detector.</summary>
    /// <param name="function">The aggregate.</param>
    /// <param name="window">The range; positive.</param>
    /// <param name="condition">The comparison applied to the aggregate.</param>
    /// <param name="quantile">For <see cref="OverTimeFunction.Quantile"/>, φ (PromQL allows any number: below 0 gives −∞, above 1 gives +∞); ignored otherwise.</param>
    public OverTimeDetector(OverTimeFunction function, TimeSpan window, ThresholdCondition condition, double quantile = double.NaN)
    {
        if (!Enum.IsDefined(function))
        {
            throw new ArgumentOutOfRangeException(nameof(function), function, "Unknown over-time function.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(condition);
        if (function == OverTimeFunction.Quantile && double.IsNaN(quantile))
        {
            throw new ArgumentException("quantile_over_time needs a quantile.", nameof(quantile));
        }

        Function = function;
        Window = window;
        Condition = condition;
        Quantile = quantile;
    }

    /// <summary>The aggregate.</summary>
    public OverTimeFunction Function { get; }

    /// <summary>The range.</summary>
    public TimeSpan Window { get; }

    /// <summary>The comparison.</summary>
    public ThresholdCondition Condition { get; }

    /// <summary>The quantile φ for <see cref="OverTimeFunction.Quantile"/>.</summary>
    public double Quantile { get; }

    TimeSpan IWindowedDetector.Lookback => Window;

    /// <inheritdoc />
    public ISeriesEvaluator CreateEvaluator(SeriesKey series) => new Evaluator(this);

    private sealed class Evaluator(OverTimeDetector detector) : ISeriesEvaluator
    {
        private readonly SampleWindowBuffer _samples = new();
        private readonly LevelTracker _levels = new(detector.Condition);
        private readonly long _windowTicks = detector.Window.Ticks;
        private double[] _scratch = [];

        public void Add(long timestampTicks, double value)
        {
            _samples.TrimBefore(timestampTicks - _windowTicks);
            _samples.Add(timestampTicks, value);
        }

        public DetectorResult Evaluate(long timestampTicks)
        {
            _samples.TrimBefore(timestampTicks - _windowTicks);
            var values = _samples.Values;
            double value;
            var ok = detector.Function switch
            {
                OverTimeFunction.Avg => PrometheusFunctions.AvgOverTime(values, out value),
                OverTimeFunction.Min => PrometheusFunctions.MinOverTime(values, out value),
                OverTimeFunction.Max => PrometheusFunctions.MaxOverTime(values, out value),
                OverTimeFunction.Sum => PrometheusFunctions.SumOverTime(values, out value),
                OverTimeFunction.Count => PrometheusFunctions.CountOverTime(values, out value),
                OverTimeFunction.StdDev => PrometheusFunctions.StdDevOverTime(values, out value),
                OverTimeFunction.Quantile => PrometheusFunctions.QuantileOverTime(detector.Quantile, values, Scratch(values.Length), out value),
                _ => PrometheusFunctions.LastOverTime(values, out value),
            };
            if (!ok)
            {
                _levels.Reset();
                return DetectorResult.NoData;
            }

            return _levels.Observe(value);
        }

        private Span<double> Scratch(int length)
        {
            if (_scratch.Length < length)
            {
                _scratch = new double[Math.Max(length, _scratch.Length * 2)];
            }

            return _scratch;
        }
    }
}
