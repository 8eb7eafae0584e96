using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Detectors;

/// <summary>Runs a detector as an ordinary Rx operator: <c>samples.Detect(detector, scheduler, interval)</c>.</summary>
public static class DetectorObservableExtensions
{
    /// <summary>Evaluates <paramref name="detector"/> on every series of <paramref name="samples"/> and emits each conclusion.</summary>
    /// <param name="samples">The samples, in non-decreasing time per series.</param>
    /// <param name="detector">The detector (one evaluator per series, or per group for an <see cref="IGroupingDetector"/>).</param>
    /// <param name="scheduler">The clock and timer of the evaluation grid.</param>
    /// <param name="evaluationInterval">The grid: series are also evaluated at each multiple of it since the Unix epoch.</param>
    /// <returns>One signal per evaluation: at each sample's time, and at each grid time for series without a sample then.</returns>
    /// <remarks>
    /// The same evaluation model as rules (see <c>RuleObservableExtensions.EvaluateRules</c>): grid evaluations
    /// run on <paramref name="scheduler"/> one tick after the grid time. Samples and timer actions must be
    /// serialized. A detector that throws ends the stream with <c>OnError</c> (a rule built on it would isolate it).
    /// Series unseen for longer than 5 minutes and the detector's window are forgotten.
    /// </remarks>
    public static IObservable<DetectorSignal> Detect(
        this IObservable<MetricSample> samples,
        IDetector detector,
        IScheduler scheduler,
        TimeSpan evaluationInterval)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(evaluationInterval, TimeSpan.Zero);
        return Observable.Create<DetectorSignal>(observer =>
        {
            var engine = new SignalEngine(detector, scheduler, evaluationInterval, observer);
            engine.Start();
            var upstream = samples.Subscribe(
                sample => engine.OnSample(in sample),
                error =>
                {
                    engine.Dispose();
                    observer.OnError(error);
                },
                () =>
                {
                    engine.Dispose();
                    observer.OnCompleted();
                });
            return new CompositeDisposable(upstream, engine);
        });
    }
}
