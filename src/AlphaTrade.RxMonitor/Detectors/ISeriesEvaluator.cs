namespace AlphaTrade.RxMonitor.Detectors;

/// <summary>The evaluation state a detector keeps for one series (or one group of series).</summary>
/// <remarks>
/// The rule engine calls <see cref="Add"/> for every sample of the series, in non-decreasing time, and
/// <see cref="Evaluate"/> at every evaluation time: at each sample's time and at each evaluation-interval
/// tick that passes without one. Implementations keep their state in fields and buffers that they reuse,
/// so neither call allocates in steady state. Calls are serialized; no thread-safety is needed.
/// </remarks>
public interface ISeriesEvaluator
{
    /// <summary>Takes one sample of the series.</summary>
    /// <param name="timestampTicks">The sample's event time in UTC ticks, never before the previous one.</param>
    /// <param name="value">The sample's value, always finite.</param>
    void Add(long timestampTicks, double value);

    /// <summary>Evaluates the condition at <paramref name="timestampTicks"/>, over the samples added up to then.</summary>
    /// <param name="timestampTicks">The evaluation time in UTC ticks, never before the last added sample.</param>
    /// <returns>The detector's conclusion at that time.</returns>
    DetectorResult Evaluate(long timestampTicks);
}
