using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Detectors.Evaluation;

namespace AlphaTrade.RxMonitor.Rules;

/// <summary>
/// One rule's entry in a series' route: the rule's state for the series (null where its selector does not match)
/// and, beside it, the state's change-tracking evaluator, which the fast path calls whenever
/// <see cref="SeriesState.FastTracker"/> is set (a state's tracker is fixed when the state is made and only ever
/// cleared, so a set <see cref="SeriesState.FastTracker"/> is this one).
/// </summary>
/// <param name="State">The rule's state for the series.</param>
internal readonly record struct RuleRoute(SeriesState? State)
{
    /// <summary>The state's change-tracking evaluator, when it has one.</summary>
    public ChangeTrackingEvaluator? Tracker { get; } = State?.SkipTracker;
}
