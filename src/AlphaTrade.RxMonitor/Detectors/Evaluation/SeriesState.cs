using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Detectors.Evaluation;

/// <summary>
/// The state the evaluation engine keeps for one series (or group): its evaluator and when it was last fed and evaluated.
/// A rule's state for a series (<c>RuleSeriesState</c>) adds the series' alert.
/// </summary>
/// <remarks>Plain mutable fields, touched only from the engine's serialized calls.</remarks>
internal class SeriesState(SeriesKey key, ISeriesEvaluator evaluator, bool isGroup)
{
    public const long None = long.MinValue;

    private SampleClock _clock = new();

    public SeriesKey Key { get; } = key;

    public ISeriesEvaluator Evaluator { get; } = evaluator;

    /// <summary>
    /// The evaluator, when it can tell whether a sample changed its result and its engine skips evaluations that
    /// cannot change anything. Cleared when the state is pruned or its engine stops.
    /// </summary>
    public ChangeTrackingEvaluator? SkipTracker
    {
        get;
        set
        {
            field = value;
            RefreshFastTracker();
        }
    }

    /// <summary>A sample may have changed the result since the last evaluation, which has not looked yet.</summary>
    public bool Unevaluated
    {
        get;
        set
        {
            field = value;
            RefreshFastTracker();
        }
    }

    /// <summary>The alert state machine runs a clock (pending <c>for</c>, <c>keepFiringFor</c>, NoData) that needs every evaluation.</summary>
    public bool EvaluateEachSample
    {
        get;
        set
        {
            field = value;
            RefreshFastTracker();
        }
    }

    /// <summary>
    /// <see cref="SkipTracker"/> while samples may take the rule set's fast path (nothing unevaluated, no alert
    /// clock running), else <see langword="null"/>: one field read decides the path of a sample.
    /// </summary>
    public ChangeTrackingEvaluator? FastTracker { get; private set; }

    /// <summary>A group of an <see cref="IGroupingDetector"/>: never stale, never pruned.</summary>
    public bool IsGroup { get; } = isGroup;

    /// <summary>The time of the series' newest sample taken (a group's: of any member).</summary>
    public long LastSampleTicks
    {
        get => _clock.Ticks;
        set => _clock.Ticks = value;
    }

    public long LastEvaluationTicks { get; set; } = None;

    /// <summary>Set when the engine dropped this state; holders of it must resolve the series again.</summary>
    public bool Pruned { get; set; }

    /// <summary>Whether the state holds something that must outlive its series' staleness (an active alert), so it is not pruned.</summary>
    public virtual bool IsActive => false;

    /// <summary>
    /// Keeps <see cref="LastSampleTicks"/> in <paramref name="clock"/> from now on, shared with the other rules' states
    /// of the series (a group's time stays its own); the clock moves up to this state's time if it is behind.
    /// </summary>
    /// <param name="clock">The series' clock.</param>
    public void ShareClock(SampleClock clock)
    {
        if (IsGroup || ReferenceEquals(clock, _clock))
        {
            return;
        }

        clock.Ticks = Math.Max(clock.Ticks, _clock.Ticks);
        _clock = clock;
    }

    private void RefreshFastTracker() => FastTracker = Unevaluated || EvaluateEachSample ? null : SkipTracker;
}
