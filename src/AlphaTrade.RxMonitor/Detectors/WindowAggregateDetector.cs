using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Detectors.Windows;
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

    /// <summary>One series' state: the tumbling-window evaluator observing each closed window's aggregate.</summary>
    private sealed class Evaluator<TFigure>(WindowAggregateDetector detector, TFigure figure)
        : TumblingWindowEvaluator<TFigure>(detector.Size, detector.Staleness, detector.Condition, figure)
        where TFigure : struct, IDetectorFigure
    {
        protected override DetectorResult Observe(ref TFigure figure, bool followsPrevious) => Levels.Observe(figure.Value());
    }
}
