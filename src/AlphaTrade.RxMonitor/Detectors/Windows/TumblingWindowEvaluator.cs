using AlphaTrade.RxMonitor.Operators;

namespace AlphaTrade.RxMonitor.Detectors.Windows;

/// <summary>
/// The evaluator of a detector over event-time tumbling windows: a <see cref="TumblingWindow{TFigure}"/> (the one
/// window kernel) plus staleness and the per-sample fast path, with what a closed window means left to <see cref="Observe"/>.
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
/// window's end, or the moment the closed result goes stale) and the window's inlined add (two comparisons and the
/// figure's own few instructions: the evaluator is specialised per figure struct); the rest runs at most a few times per window.
/// Not thread-safe: each evaluator belongs to one series of one rule.
/// </para>
/// </remarks>
/// <typeparam name="TFigure">The running figure of the open window.</typeparam>
internal abstract class TumblingWindowEvaluator<TFigure> : ChangeTrackingEvaluator
    where TFigure : struct, IWindowFigure
{
    // A figure that compares by value holds plain values (no references to share by copying): its windows can be followed.
    private static readonly bool PlainFigure = typeof(IEquatable<TFigure>).IsAssignableFrom(typeof(TFigure));
    private readonly long _staleness;
#pragma warning disable IDE0044 // Not readonly: the window is a mutable struct updated in place (readonly would copy it on every call).
    private TumblingWindow<TFigure> _window;
#pragma warning restore IDE0044
    private long _quietUntil = long.MinValue;
    private DetectorResult _closed = DetectorResult.NoData;

    /// <summary>Creates the evaluator of one series.</summary>
    /// <param name="size">The window length; positive.</param>
    /// <param name="staleness">How long after its end a closed window's result holds; positive.</param>
    /// <param name="condition">The condition <see cref="Levels"/> tracks.</param>
    /// <param name="figure">The empty figure of the first window.</param>
    protected TumblingWindowEvaluator(TimeSpan size, TimeSpan staleness, ThresholdCondition condition, TFigure figure)
    {
        _staleness = staleness.Ticks;
        _window = new TumblingWindow<TFigure>(size, figure);
        Levels = new LevelTracker(condition);
    }

    /// <summary>The condition's levels, observed by <see cref="Observe"/> and cleared when the result goes stale.</summary>
    protected LevelTracker Levels { get; }

    /// <inheritdoc />
    public sealed override long QuietUntilTicks => _quietUntil;

    /// <inheritdoc />
    public sealed override bool AddAndCheckChanged(long timestampTicks, double value)
    {
        if (timestampTicks < _quietUntil)
        {
            // Inside the open window (the quiet time never passes its end): the window's two comparisons and the add.
            _window.Add(timestampTicks, value, new Closer(this));
            return false;
        }

        return AddWhereResultMayChange(timestampTicks, value);
    }

    /// <inheritdoc />
    public sealed override DetectorResult Evaluate(long timestampTicks)
    {
        _window.CloseEnded(timestampTicks, new Closer(this));
        if (_closed.Outcome != DetectorOutcome.NoData && timestampTicks - _window.ClosedEndTicks > _staleness)
        {
            _closed = DetectorResult.NoData;
            Levels.Reset();
        }

        UpdateQuietUntil();
        return _closed;
    }

    /// <inheritdoc />
    public sealed override bool HasPlainWindow => PlainFigure;

    /// <inheritdoc />
    public sealed override bool CanFollow(ChangeTrackingEvaluator leader) =>
        PlainFigure && leader is TumblingWindowEvaluator<TFigure> other && SameWindow(ref _window, ref other._window);

    /// <inheritdoc />
    public sealed override void CatchUpWith(ChangeTrackingEvaluator leader) => _window = ((TumblingWindowEvaluator<TFigure>)leader)._window;

    /// <summary>Turns a closed window into the evaluator's result (usually an observation of <see cref="Levels"/>).</summary>
    /// <param name="figure">The closed window's figure, with at least one sample; reset after the call.</param>
    /// <param name="followsPrevious">Whether the window immediately before it was the last one closed.</param>
    /// <returns>The result evaluations return until the next window closes or this one goes stale.</returns>
    protected abstract DetectorResult Observe(ref TFigure figure, bool followsPrevious);

    private bool AddWhereResultMayChange(long timestampTicks, double value)
    {
        // At or past the open window's end (or none open): the sample closes a window or opens one.
        var closesOrOpens = timestampTicks >= _window.EndTicks;
        _window.Add(timestampTicks, value, new Closer(this));
        if (closesOrOpens)
        {
            UpdateQuietUntil();
            return true;
        }

        return _closed.Outcome != DetectorOutcome.NoData && timestampTicks - _window.ClosedEndTicks > _staleness;
    }

    private void OnClosed(long startTicks, ref TFigure figure)
    {
        // The window has not recorded this close yet: its closed end is still the previous window's.
        _closed = Observe(ref figure, followsPrevious: _window.ClosedEndTicks == startTicks);
    }

    // Aligned windows of one size: the open window's end and the last closed one's end place them; the figures hold the rest.
    private static bool SameWindow(ref TumblingWindow<TFigure> a, ref TumblingWindow<TFigure> b) =>
        a.SizeTicks == b.SizeTicks
        && a.EndTicks == b.EndTicks
        && a.ClosedEndTicks == b.ClosedEndTicks
        && EqualityComparer<TFigure>.Default.Equals(a.Figure, b.Figure);

    private void UpdateQuietUntil()
    {
        var closedEnd = _window.ClosedEndTicks;
        var staleAt = _closed.Outcome == DetectorOutcome.NoData || _staleness >= long.MaxValue - closedEnd
            ? long.MaxValue
            : closedEnd + _staleness + 1;
        _quietUntil = Math.Min(_window.EndTicks, staleAt);
    }

    /// <summary>Hands a closed window to <see cref="Observe"/>; a struct, so the window's call is direct.</summary>
    private readonly struct Closer(TumblingWindowEvaluator<TFigure> owner) : ITumblingWindowObserver<TFigure>
    {
        public void OnClosed(long startTicks, long endTicks, ref TFigure figure) => owner.OnClosed(startTicks, ref figure);
    }
}
