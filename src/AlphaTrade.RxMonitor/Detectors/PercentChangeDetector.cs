using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Detectors.Windows;
using AlphaTrade.RxMonitor.Operators;

namespace AlphaTrade.RxMonitor.Detectors;

/// <summary>
/// Window-over-window percent change of the mean of event-time tumbling windows, compared with a
/// <see cref="ThresholdCondition"/> in percent (rule JSON <c>"rate": {"function": "percent_change"}</c>;
/// e.g. above 20 alerts when a window's mean is more than 20 % above the previous window's).
/// </summary>
/// <remarks>
/// <para>
/// Windows are <see cref="Window"/> long, aligned to multiples of it since the Unix epoch, half-open. When a
/// window closes (at the first sample or evaluation at or after its end), its change is
/// 100 · (mean − previous mean) / |previous mean|, against the window immediately before it; that is one
/// observation of the condition. There is no change — evaluation gives no data — when the previous window had
/// no samples (a gap leaves no baseline) or its mean was 0. Evaluation returns the last closed window's result,
/// and no data once that window ended more than <see cref="Staleness"/> ago (which also clears the levels).
/// The result's detail is the closed window's mean.
/// </para>
/// <para>
/// The evaluator is the hot path: adding a sample in steady state is a comparison, an addition and an
/// increment on fields, with no allocation. Immutable and thread-safe; each evaluator belongs to one series.
/// </para>
/// </remarks>
public sealed class PercentChangeDetector : IDetector, IWindowedDetector
{
    /// <summary>Creates the detector.</summary>
    /// <param name="window">The window length; positive.</param>
    /// <param name="condition">The comparison applied to each window's percent change.</param>
    /// <param name="staleness">How long after its end a closed window's result still holds; default 5 minutes, positive.</param>
    public PercentChangeDetector(TimeSpan window, ThresholdCondition condition, TimeSpan? staleness = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(condition);
        var stale = staleness ?? WindowAggregateDetector.DefaultStaleness;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(stale, TimeSpan.Zero, nameof(staleness));
        Window = window;
        Condition = condition;
        Staleness = stale;
    }

    /// <summary>The window length.</summary>
    public TimeSpan Window { get; }

    /// <summary>The comparison applied to each window's percent change.</summary>
    public ThresholdCondition Condition { get; }

    /// <summary>How long after its end a closed window's result still holds.</summary>
    public TimeSpan Staleness { get; }

    /// <inheritdoc />
    TimeSpan IWindowedDetector.Lookback => Window + Window + Staleness;

    /// <inheritdoc />
    public ISeriesEvaluator CreateEvaluator(SeriesKey series) => new Evaluator(this);

    /// <summary>One series' state: the tumbling-window evaluator comparing each closed window's mean with the previous one's.</summary>
    private sealed class Evaluator(PercentChangeDetector detector)
        : TumblingWindowEvaluator<SumFigure>(detector.Window, detector.Staleness, detector.Condition, new SumFigure(WindowAggregation.Mean))
    {
        private double _previousMean = double.NaN;

        protected override DetectorResult Observe(ref SumFigure figure, bool followsPrevious)
        {
            var mean = figure.Value();
            var previous = _previousMean;
            _previousMean = mean;
            if (followsPrevious && previous != 0 && !double.IsNaN(previous))
            {
                return Levels.Observe(100 * (mean - previous) / Math.Abs(previous), mean);
            }

            Levels.Reset();
            return DetectorResult.NoData;
        }
    }
}
