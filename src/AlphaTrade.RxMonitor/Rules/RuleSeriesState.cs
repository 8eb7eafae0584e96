using AlphaTrade.RxMonitor.Detectors.Evaluation;
using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Rules;

/// <summary>The state a rule keeps for one series (or group): the evaluation state plus its alert and NoData alert.</summary>
/// <remarks>Plain mutable fields, touched only from the rule's serialized calls.</remarks>
internal sealed class RuleSeriesState(SeriesKey key, ISeriesEvaluator evaluator, bool isGroup) : SeriesState(key, evaluator, isGroup)
{
    /// <summary>The series' alert, stepped by <see cref="RuleEngine.Step"/>.</summary>
    public AlertInstance Alert { get; set; } = AlertInstance.Inactive;

    public bool NoDataFiring { get; set; }

    public long NoDataSinceTicks { get; set; } = None;

    /// <summary>The alert's labels (series labels, rule labels, alertname), built on the first transition.</summary>
    public LabelSet? AlertLabels { get; set; }

    public override bool IsActive => Alert.Phase != AlertPhase.Inactive || NoDataFiring;
}
