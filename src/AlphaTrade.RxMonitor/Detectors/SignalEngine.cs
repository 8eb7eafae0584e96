using System.Reactive.Concurrency;
using AlphaTrade.RxMonitor.Detectors.Evaluation;

namespace AlphaTrade.RxMonitor.Detectors;

/// <summary>One subscription of <c>Detect</c>: the rules' evaluation model, emitting every evaluation as a signal.</summary>
internal sealed class SignalEngine(IDetector detector, IScheduler scheduler, TimeSpan interval, IObserver<DetectorSignal> observer)
    : SeriesEvaluationEngine(scheduler, null, detector, interval, TimeSpan.FromTicks(1), PrometheusStaleness, skipUnchangedEvaluations: false)
{
    private static readonly TimeSpan PrometheusStaleness = TimeSpan.FromMinutes(5);

    protected override void OnEvaluated(SeriesState state, long ticks, in DetectorResult result) =>
        observer.OnNext(new DetectorSignal(state.Key, ticks, result));

    protected override void OnFault(Exception exception, long ticks, IReadOnlyList<SeriesState> states) =>
        observer.OnError(exception);
}
