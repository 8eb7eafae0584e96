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

    /// <summary>
    /// The time before which no sample can change the result: until the next call of
    /// <see cref="AddAndCheckChanged"/> that returns <see langword="true"/> or of <see cref="ISeriesEvaluator.Evaluate"/>,
    /// <see cref="AddAndCheckChanged"/> returns <see langword="false"/> for every sample before it. It moves only in those
    /// calls, so a caller may keep it and add such samples without asking again (the rule set's quiet path).
    /// </summary>
    /// <remarks><see cref="long.MinValue"/> when any sample may change the result.</remarks>
    public abstract long QuietUntilTicks { get; }

    /// <inheritdoc />
    public abstract DetectorResult Evaluate(long timestampTicks);

    /// <summary>
    /// Whether the evaluator keeps a window of plain values: a sample before <see cref="QuietUntilTicks"/> only adds to it
    /// (arithmetic that cannot fail), and a copy of the window is the whole window.
    /// </summary>
    public abstract bool HasPlainWindow { get; }

    /// <summary>
    /// Whether this evaluator may skip the samples that <paramref name="leader"/> (another rule's evaluator of the same
    /// series) takes before both their quiet times, and take <paramref name="leader"/>'s window afterwards
    /// (<see cref="CatchUpWith"/>): true when both have plain windows (<see cref="HasPlainWindow"/>) of one size and
    /// figure that are, right now, in the same state, so the same samples take both to the same state.
    /// </summary>
    /// <param name="leader">The evaluator that takes the samples.</param>
    /// <returns>Whether this one may follow it.</returns>
    public abstract bool CanFollow(ChangeTrackingEvaluator leader);

    /// <summary>Takes the window of <paramref name="leader"/>, which this evaluator followed (<see cref="CanFollow"/>).</summary>
    /// <param name="leader">The evaluator that took the samples this one skipped.</param>
    public abstract void CatchUpWith(ChangeTrackingEvaluator leader);
}
