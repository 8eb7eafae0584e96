using AlphaTrade.RxMonitor.Operators;

namespace AlphaTrade.RxMonitor.Detectors.Windows;

/// <summary>
/// The evaluator of a detector over event-time tumbling windows: the window bookkeeping, staleness and the
/// per-sample fast path, with what a closed window means left to <see cref="Observe"/>.
/// </summary>
/// <remarks>
/// <para>
/// Windows are aligned to multiples of the size since the Unix epoch, half-open [start, start + size). A window
/// closes at the first sample or evaluation at or after its end and <see cref="Observe"/> turns it into the
/// result. Evaluation returns the last closed window's result, or no data before the first window closed and
/// once the last closed window ended more than the staleness ago (which also clears <see cref="Levels"/>).
/// Windows without samples are not observed. A sample of a window already closed is ignored.
/// </para>
/// <para>
/// The per-sample path is one comparison with the first time at which the result could change (the open
/// window's end, or the moment the closed result goes stale) and the figure's own few instructions, inlined
/// because the evaluator is specialised per figure struct; the rest runs at most a few times per window.
/// Not thread-safe: each evaluator belongs to one series of one rule.
/// </para>
/// </remarks>
/// <typeparam name="TFigure">The running figure of the open window.</typeparam>
internal abstract class TumblingWindowEvaluator<TFigure> : IChangeTrackingEvaluator
    where TFigure : struct, IWindowFigure
{
    private readonly long _size;
    private readonly long _staleness;
#pragma warning disable IDE0044 // Not readonly: the figure is a mutable struct updated in place (readonly would copy it on every call).
    private TFigure _figure;
#pragma warning restore IDE0044
    private long _quietUntil = long.MinValue;
    private long _windowEnd = long.MinValue;
    private long _closedEnd = long.MinValue;
    private DetectorResult _closed = DetectorResult.NoData;

    /// <summary>Creates the evaluator of one series.</summary>
    /// <param name="size">The window length; positive.</param>
    /// <param name="staleness">How long after its end a closed window's result holds; positive.</param>
    /// <param name="condition">The condition <see cref="Levels"/> tracks.</param>
    /// <param name="figure">The empty figure of the first window.</param>
    protected TumblingWindowEvaluator(TimeSpan size, TimeSpan staleness, ThresholdCondition condition, TFigure figure)
    {
        _size = size.Ticks;
        _staleness = staleness.Ticks;
        _figure = figure;
        Levels = new LevelTracker(condition);
    }

    /// <summary>The condition's levels, observed by <see cref="Observe"/> and cleared when the result goes stale.</summary>
    protected LevelTracker Levels { get; }

    /// <inheritdoc />
    public void Add(long timestampTicks, double value) => AddAndCheckChanged(timestampTicks, value);

    /// <inheritdoc />
    public bool AddAndCheckChanged(long timestampTicks, double value)
    {
        if (timestampTicks < _quietUntil)
        {
            _figure.Add(value);
            return false;
        }

        return AddWhereResultMayChange(timestampTicks, value);
    }

    /// <inheritdoc />
    public DetectorResult Evaluate(long timestampTicks)
    {
        if (timestampTicks >= _windowEnd && _figure.Count > 0)
        {
            Close();
        }

        if (_closed.Outcome != DetectorOutcome.NoData && timestampTicks - _closedEnd > _staleness)
        {
            _closed = DetectorResult.NoData;
            Levels.Reset();
        }

        UpdateQuietUntil();
        return _closed;
    }

    /// <summary>Turns a closed window into the evaluator's result (usually an observation of <see cref="Levels"/>).</summary>
    /// <param name="figure">The closed window's figure, with at least one sample; reset after the call.</param>
    /// <param name="followsPrevious">Whether the window immediately before it was the last one closed.</param>
    /// <returns>The result evaluations return until the next window closes or this one goes stale.</returns>
    protected abstract DetectorResult Observe(ref TFigure figure, bool followsPrevious);

    private bool AddWhereResultMayChange(long timestampTicks, double value)
    {
        if (timestampTicks >= _windowEnd)
        {
            if (_figure.Count > 0)
            {
                Close();
            }

            if (timestampTicks >= _closedEnd)
            {
                _windowEnd = EpochWindows.StartOf(timestampTicks, _size) + _size;
                _figure.Add(value);
            }

            UpdateQuietUntil();
            return true;
        }

        _figure.Add(value);
        return _closed.Outcome != DetectorOutcome.NoData && timestampTicks - _closedEnd > _staleness;
    }

    private void Close()
    {
        var followsPrevious = _closedEnd == _windowEnd - _size;
        _closed = Observe(ref _figure, followsPrevious);
        _closedEnd = _windowEnd;
        _windowEnd = long.MinValue;
        _figure.Reset();
    }

    private void UpdateQuietUntil()
    {
        var staleAt = _closed.Outcome == DetectorOutcome.NoData || _staleness >= long.MaxValue - _closedEnd
            ? long.MaxValue
            : _closedEnd + _staleness + 1;
        _quietUntil = Math.Min(_windowEnd, staleAt);
    }
}
