using AlphaTrade.RxMonitor.Detectors;

namespace AlphaTrade.RxMonitor.Rules;

/// <summary>A rule that takes a series' quiet samples: its index in the rule set and its evaluator for the series.</summary>
/// <param name="Rule">The rule's index.</param>
/// <param name="Tracker">Its evaluator for the series.</param>
internal readonly record struct QuietRule(int Rule, ChangeTrackingEvaluator Tracker);
