namespace AlphaTrade.RxMonitor.Detectors;

/// <summary>
/// An evaluator that knows, as it takes a sample, whether its result may have changed — for example a window
/// detector whose result moves only when a window closes. Rules use it to skip evaluations that cannot change
/// anything, which halves the per-sample cost of such detectors.
/// </summary>
/// <remarks>
/// A rule still evaluates every sample while an alert is pending, kept firing or in NoData (their clocks run on
/// evaluations), and evaluates every series at each grid time, so skipping never changes a rule's alert states,
/// only how often an unchanged result is recomputed.
/// </remarks>
internal interface IChangeTrackingEvaluator : ISeriesEvaluator
{
    /// <summary>Takes one sample, exactly as <see cref="ISeriesEvaluator.Add"/>, and says whether the result may have changed.</summary>
    /// <param name="timestampTicks">The sample's event time in UTC ticks, never before the previous one.</param>
    /// <param name="value">The sample's value, always finite.</param>
    /// <returns>
    /// <see langword="false"/> only when <see cref="ISeriesEvaluator.Evaluate"/> at <paramref name="timestampTicks"/>
    /// would return exactly what the last evaluation returned.
    /// </returns>
    bool AddAndCheckChanged(long timestampTicks, double value);
}
