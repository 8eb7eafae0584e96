using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Tests.Support;

/// <summary>A detector whose evaluators throw on the <c>n</c>-th call to <c>Evaluate</c> (1-based, counted per evaluator).</summary>
internal sealed class ThrowingDetector(int throwOnEvaluation = 1) : IDetector
{
    public ISeriesEvaluator CreateEvaluator(SeriesKey series) => new Evaluator(throwOnEvaluation);

    private sealed class Evaluator(int throwOn) : ISeriesEvaluator
    {
        private int _evaluations;

        public void Add(long timestampTicks, double value)
        {
        }

        public DetectorResult Evaluate(long timestampTicks) =>
            ++_evaluations >= throwOn ? throw new InvalidOperationException("detector broke") : DetectorResult.Breached(1, RxMonitor.Metrics.Severity.Warning);
    }
}
