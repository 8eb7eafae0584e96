using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Detectors;

/// <summary>A detection condition, instantiated once per series as an <see cref="ISeriesEvaluator"/>.</summary>
/// <remarks>
/// Detectors are immutable descriptions (thresholds, windows, levels); all mutable state lives in the
/// evaluators they create. The same detector also runs as an ordinary Rx operator over
/// <see cref="IObservable{T}"/> of <see cref="MetricSample"/> (see the <c>Detect</c> extension).
/// </remarks>
public interface IDetector
{
    /// <summary>Creates the evaluation state for one series.</summary>
    /// <param name="series">The series (or group) the evaluator will see samples of.</param>
    /// <returns>A new evaluator.</returns>
    ISeriesEvaluator CreateEvaluator(SeriesKey series);
}
