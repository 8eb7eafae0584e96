using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Detectors;

/// <summary>One severity level of a <see cref="ThresholdCondition"/>: where it breaches and where it recovers.</summary>
/// <param name="Severity">The severity reported while this level is breached.</param>
/// <param name="Threshold">The level breaches when the value is strictly beyond it (above or below, per the condition).</param>
/// <param name="Recovery">
/// Hysteresis: once breached, the level stays breached while the value is strictly beyond this recovery
/// value, and clears when it is not. <see langword="null"/> means the threshold itself (no hysteresis, the
/// PromQL semantics). For <see cref="ThresholdDirection.Above"/> it must not exceed the threshold; for
/// <see cref="ThresholdDirection.Below"/> it must not be under it.
/// </param>
public sealed record ThresholdLevel(Severity Severity, double Threshold, double? Recovery = null)
{
    /// <summary>The value the level recovers at: <see cref="Recovery"/>, or <see cref="Threshold"/> when none.</summary>
    public double RecoveryOrThreshold => Recovery ?? Threshold;
}
