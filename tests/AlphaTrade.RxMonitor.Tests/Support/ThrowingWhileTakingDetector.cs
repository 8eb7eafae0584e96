using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Tests.Support;

/// <summary>
/// A detector whose evaluators track changes (so rules feed them on the rule set's fast path) and throw while taking
/// the <c>n</c>-th sample (1-based, counted per evaluator); until then every result is normal.
/// </summary>
internal sealed class ThrowingWhileTakingDetector(int throwOnSample) : IDetector
{
    public ISeriesEvaluator CreateEvaluator(SeriesKey series) => new Evaluator(throwOnSample);

    private sealed class Evaluator(int throwOn) : ChangeTrackingEvaluator
    {
        private int _samples;

        public override bool AddAndCheckChanged(long timestampTicks, double value) =>
            ++_samples >= throwOn ? throw new InvalidOperationException("detector broke taking a sample") : _samples == 1;

        public override long QuietUntilTicks => _samples == 0 ? long.MinValue : long.MaxValue;

        public override bool HasPlainWindow => false;

        public override bool CanFollow(ChangeTrackingEvaluator leader) => false;

        public override void CatchUpWith(ChangeTrackingEvaluator leader) =>
            throw new InvalidOperationException("an evaluator that follows no other has nothing to catch up with");

        public override DetectorResult Evaluate(long timestampTicks) => DetectorResult.Normal(0);
    }
}
