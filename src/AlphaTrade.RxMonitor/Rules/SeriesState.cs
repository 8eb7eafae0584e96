using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Rules;

/// <summary>The state a rule keeps for one series (or group): its evaluator and its alert instance.</summary>
/// <remarks>Plain mutable fields, touched only from the rule's serialized calls.</remarks>
internal sealed class SeriesState(SeriesKey key, ISeriesEvaluator evaluator, bool isGroup)
{
    public const long None = long.MinValue;

    public SeriesKey Key { get; } = key;

    public ISeriesEvaluator Evaluator { get; } = evaluator;

    /// <summary>
    /// The evaluator, when it can tell whether a sample changed its result and its engine skips evaluations that
    /// cannot change anything. Cleared when the state is pruned or its engine stops.
    /// </summary>
    public IChangeTrackingEvaluator? SkipTracker
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
    public IChangeTrackingEvaluator? FastTracker { get; private set; }

    /// <summary>A group of an <see cref="IGroupingDetector"/>: never stale, never pruned.</summary>
    public bool IsGroup { get; } = isGroup;

    public long LastSampleTicks { get; set; } = None;

    public long LastEvaluationTicks { get; set; } = None;

    /// <summary>The series' alert, stepped by <see cref="RuleEngine.Step"/>.</summary>
    public AlertInstance Alert { get; set; } = AlertInstance.Inactive;

    public bool NoDataFiring { get; set; }

    public long NoDataSinceTicks { get; set; } = None;

    /// <summary>The alert's labels (series labels, rule labels, alertname), built on the first transition.</summary>
    public LabelSet? AlertLabels { get; set; }

    /// <summary>Set when the engine dropped this state; holders of it must resolve the series again.</summary>
    public bool Pruned { get; set; }

    public bool IsActive => Alert.Phase != AlertPhase.Inactive || NoDataFiring;

    private void RefreshFastTracker() => FastTracker = Unevaluated || EvaluateEachSample ? null : SkipTracker;
}
