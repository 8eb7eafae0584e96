namespace AlphaTrade.RxMonitor.Detectors.Evaluation;

/// <summary>
/// Told by a <see cref="SeriesEvaluationEngine"/> before it works on its series' states other than for a sample it was
/// handed: a grid time's evaluations and pruning, a stop (fault or disposal). A rule set uses it to keep what it learnt
/// on the samples' path (when no sample can change a result) from outliving the states it was learnt from.
/// </summary>
internal interface IOffSampleListener
{
    /// <summary>Called before the engine evaluates, prunes or stops outside a sample's path, on the same thread.</summary>
    void BeforeOffSampleWork();
}
