using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;

namespace AlphaTrade.RxMonitor.Detectors;

/// <summary>
/// Compares an aggregate (count, sum, mean, min, max, last, stddev or a quantile) of each event-time tumbling
/// window of a series with a <see cref="ThresholdCondition"/> when the window closes (rule JSON <c>"window"</c>).
/// </summary>
/// <remarks>
/// <para>
/// Windows are <see cref="Size"/> long and aligned to multiples of it since the Unix epoch, half-open
/// [start, start + size). A window closes at the first sample or evaluation at or after its end; its aggregate
/// is then one observation of the condition (so <see cref="ThresholdCondition.Consecutive"/> counts windows).
/// Evaluation returns the result of the last closed window, or no data before the first window closed and once
/// the last closed window ended more than <see cref="Staleness"/> ago (which also clears the condition's levels).
/// Windows without samples are not observed. A sample that belongs to a window already closed is ignored.
/// </para>
/// <para>
/// The evaluator is the hot path: adding a sample in steady state is a comparison and a few arithmetic
/// operations on struct fields, with no allocation (the quantile aggregate also adds to a reused
/// <see cref="DDSketch"/>). Immutable and thread-safe; each evaluator belongs to one series and is not.
/// </para>
/// </remarks>
public sealed class WindowAggregateDetector : IDetector, IWindowedDetector
{
    /// <summary>The staleness used when none is given: 5 minutes, as Prometheus.</summary>
    public static readonly TimeSpan DefaultStaleness = TimeSpan.FromMinutes(5);

    /// <summary>Creates the detector.</summary>
    /// <param name="size">The window length; positive.</param>
    /// <param name="aggregation">The aggregate compared.</param>
    /// <param name="condition">The comparison applied to each closed window's aggregate.</param>
    /// <param name="quantile">For <see cref="WindowAggregation.Quantile"/>: the quantile, 0 ≤ q ≤ 1; ignored otherwise.</param>
    /// <param name="staleness">How long after its end a closed window's result still holds; default 5 minutes, positive.</param>
    public WindowAggregateDetector(
        TimeSpan size,
        WindowAggregation aggregation,
        ThresholdCondition condition,
        double quantile = double.NaN,
        TimeSpan? staleness = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(size, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(condition);
        if (!Enum.IsDefined(aggregation))
        {
            throw new ArgumentOutOfRangeException(nameof(aggregation), aggregation, "Unknown window aggregation.");
        }

        if (aggregation == WindowAggregation.Quantile && !(quantile >= 0 && quantile <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(quantile), quantile, "The quantile aggregate needs a quantile between 0 and 1.");
        }

        var stale = staleness ?? DefaultStaleness;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(stale, TimeSpan.Zero, nameof(staleness));
        Size = size;
        Aggregation = aggregation;
        Condition = condition;
        Quantile = quantile;
        Staleness = stale;
    }

    /// <summary>The window length.</summary>
    public TimeSpan Size { get; }

    /// <summary>The aggregate compared.</summary>
    public WindowAggregation Aggregation { get; }

    /// <summary>The comparison applied to each closed window's aggregate.</summary>
    public ThresholdCondition Condition { get; }

    /// <summary>For <see cref="WindowAggregation.Quantile"/>, the quantile; otherwise NaN or ignored.</summary>
    public double Quantile { get; }

    /// <summary>How long after its end a closed window's result still holds.</summary>
    public TimeSpan Staleness { get; }

    /// <inheritdoc />
    TimeSpan IWindowedDetector.Lookback => Size + Staleness;

    /// <inheritdoc />
    public ISeriesEvaluator CreateEvaluator(SeriesKey series) => Aggregation switch
    {
        WindowAggregation.Count or WindowAggregation.Sum or WindowAggregation.Mean =>
            new Evaluator<SumFigure>(this, new SumFigure(Aggregation)),
        WindowAggregation.Min or WindowAggregation.Max or WindowAggregation.Last =>
            new Evaluator<ExtremeFigure>(this, new ExtremeFigure(Aggregation)),
        WindowAggregation.StdDev => new Evaluator<StdDevFigure>(this, default),
        _ => new Evaluator<QuantileFigure>(this, new QuantileFigure(Quantile)),
    };

    /// <summary>The running figure of one window; a struct so that the evaluator's code is specialised per figure and inlined.</summary>
    private interface IWindowFigure
    {
        long Count { get; }

        void Add(double value);

        double Value();

        void Reset();
    }

    /// <summary>
    /// One series' state: the open window's end and figure, and the last closed window's result. Generic over the
    /// figure so that <see cref="Add"/> compiles to the comparison and the figure's few instructions.
    /// </summary>
    private sealed class Evaluator<TFigure>(WindowAggregateDetector detector, TFigure figure) : IChangeTrackingEvaluator
        where TFigure : struct, IWindowFigure
    {
        private readonly long _size = detector.Size.Ticks;
        private readonly long _staleness = detector.Staleness.Ticks;
        private readonly LevelTracker _levels = new(detector.Condition);
#pragma warning disable IDE0044 // Not readonly: the figure is a mutable struct updated in place (readonly would copy it on every call).
        private TFigure _figure = figure;
#pragma warning restore IDE0044
        private long _windowEnd = long.MinValue;
        private long _closedEnd = long.MinValue;
        private DetectorResult _closed = DetectorResult.NoData;

        public void Add(long timestampTicks, double value) => AddAndCheckChanged(timestampTicks, value);

        public bool AddAndCheckChanged(long timestampTicks, double value)
        {
            if (timestampTicks >= _windowEnd)
            {
                // A window closed (or the sample belongs to one already closed): the result may have moved.
                if (Roll(timestampTicks))
                {
                    _figure.Add(value);
                }

                return true;
            }

            _figure.Add(value);
            return _closed.Outcome != DetectorOutcome.NoData && timestampTicks - _closedEnd > _staleness;
        }

        public DetectorResult Evaluate(long timestampTicks)
        {
            if (timestampTicks >= _windowEnd && _figure.Count > 0)
            {
                Close();
            }

            if (_closed.Outcome == DetectorOutcome.NoData)
            {
                return DetectorResult.NoData;
            }

            if (timestampTicks - _closedEnd > _staleness)
            {
                _closed = DetectorResult.NoData;
                _levels.Reset();
                return DetectorResult.NoData;
            }

            return _closed;
        }

        /// <summary>Closes the open window (if any) and opens the one holding the sample; false for a sample of a closed window.</summary>
        private bool Roll(long timestampTicks)
        {
            if (_figure.Count > 0)
            {
                Close();
            }

            if (timestampTicks < _closedEnd)
            {
                return false;
            }

            _windowEnd = EpochWindows.StartOf(timestampTicks, _size) + _size;
            return true;
        }

        private void Close()
        {
            _closed = _levels.Observe(_figure.Value());
            _closedEnd = _windowEnd;
            _windowEnd = long.MinValue;
            _figure.Reset();
        }
    }

    /// <summary>Count, sum or mean: a sum and a count.</summary>
    private struct SumFigure(WindowAggregation aggregation) : IWindowFigure
    {
        private readonly WindowAggregation _aggregation = aggregation;
        private double _sum;

        public long Count { get; private set; }

        public void Add(double value)
        {
            _sum += value;
            Count++;
        }

        public readonly double Value() => _aggregation switch
        {
            WindowAggregation.Count => Count,
            WindowAggregation.Sum => _sum,
            _ => _sum / Count,
        };

        public void Reset()
        {
            _sum = 0;
            Count = 0;
        }
    }

    /// <summary>Min, max or last: one value kept.</summary>
    private struct ExtremeFigure(WindowAggregation aggregation) : IWindowFigure
    {
        private readonly WindowAggregation _aggregation = aggregation;
        private double _value;

        public long Count { get; private set; }

        public void Add(double value)
        {
            if (Count == 0 || _aggregation == WindowAggregation.Last ||
                (_aggregation == WindowAggregation.Min ? value < _value : value > _value))
            {
                _value = value;
            }

            Count++;
        }

        public readonly double Value() => _value;

        public void Reset() => Count = 0;
    }

    /// <summary>Standard deviation: the full accumulator (shifted sums).</summary>
    private struct StdDevFigure : IWindowFigure
    {
        private WindowAccumulator _values;

        public readonly long Count => _values.Count;

        public void Add(double value) => _values.Add(value);

        public readonly double Value() => _values.StdDev;

        public void Reset() => _values.Reset();
    }

    /// <summary>A quantile: a reused sketch.</summary>
    private readonly struct QuantileFigure(double quantile) : IWindowFigure
    {
        private readonly DDSketch _sketch = new();

        public long Count => _sketch.Count;

        public void Add(double value) => _sketch.Add(value);

        public double Value() => _sketch.Quantile(quantile);

        public void Reset() => _sketch.Clear();
    }
}
