namespace AlphaTrade.RxMonitor.Detectors;

/// <summary>
/// An evaluator that knows, as it takes a sample, whether its result may have changed — for example a window
/// detector whose result moves only when a window closes. Rules use it to skip evaluations that cannot change
/// anything, which halves the per-sample cost of such detectors.
/// </summary>
/// <remarks>
/// <para>
/// A rule still evaluates every sample while an alert is pending, kept firing or in NoData (their clocks run on
/// evaluations), and evaluates every series at each grid time, so skipping never changes a rule's alert states,
/// only how often an unchanged result is recomputed.
/// </para>
/// <para>
/// A class rather than an interface: the rule set calls every rule's evaluator from one call site, for every
/// sample; there a virtual call is one method-table load, where an interface call that meets several evaluator
/// types goes through the runtime's resolve stub.
/// </para>
/// </remarks>
internal abstract class ChangeTrackingEvaluator : ISeriesEvaluator
{
    /// <inheritdoc />
    public void Add(long timestampTicks, double value) => AddAndCheckChanged(timestampTicks, value);

    /// <summary>Takes one sample, exactly as <see cref="ISeriesEvaluator.Add"/>, and says whether the result may have changed.</summary>
    /// <param name="timestampTicks">The sample's event time in UTC ticks, never before the previous one.</param>
    /// <param name="value">The sample's value, always finite.</param>
    /// <returns>
    /// <see langword="false"/> only when <see cref="ISeriesEvaluator.Evaluate"/> at <paramref name="timestampTicks"/>
    /// would return exactly what the last evaluation returned.
    /// </returns>
    public abstract bool AddAndCheckChanged(long timestampTicks, double value);

    /// <inheritdoc />
    public abstract DetectorResult Evaluate(long timestampTicks);
}
