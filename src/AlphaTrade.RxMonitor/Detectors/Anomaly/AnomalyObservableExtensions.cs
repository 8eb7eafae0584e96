using System.Reactive.Linq;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Detectors.Anomaly;

/// <summary>The anomaly score of every series as an ordinary sample stream: <c>samples.AnomalyScores()</c>.</summary>
public static class AnomalyObservableExtensions
{
    /// <summary>The suffix of a score series' name: <c>order_latency_seconds</c> scores as <c>order_latency_seconds_anomaly_score</c>.</summary>
    public const string ScoreSuffix = "_anomaly_score";

    /// <summary>
    /// Scores every sample of every series of <paramref name="samples"/> with the anomaly model of <see cref="AnomalyDetector"/>
    /// and emits the score as a sample of the series <c>&lt;name&gt;_anomaly_score</c> with the same labels and time.
    /// </summary>
    /// <param name="samples">The samples, in non-decreasing time per series.</param>
    /// <param name="warmupSamples">Samples of each series that only train its model (scored 0); from 10 to 100,000.</param>
    /// <returns>One score sample (in [0, 1]) per input sample that is finite and not older than its series' previous one.</returns>
    /// <remarks>
    /// <para>
    /// The scores are the ones an <c>anomaly</c> rule compares with its levels, as a series: subscribe a
    /// <c>LatestValueStore</c> to them for <c>/metrics</c>, or write their roll-ups to the store to chart and export them.
    /// Each score series' key is created once, on its series' first sample; after that a sample allocates nothing.
    /// </para>
    /// <para>
    /// Per subscription the operator keeps one model per series (see <see cref="AnomalyDetector.BytesPerSeries"/>) and
    /// forgets a series silent for a day of event time. No clock, no scheduler: time is the samples' own. Samples must
    /// be serialized (the pipeline's consumer). NaN and infinite values, and samples older than their series' newest,
    /// are skipped. Errors and completion pass through.
    /// </para>
    /// </remarks>
    public static IObservable<MetricSample> AnomalyScores(this IObservable<MetricSample> samples, int warmupSamples = AnomalyDetector.DefaultWarmupSamples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfLessThan(warmupSamples, AnomalyDetector.MinWarmupSamples);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(warmupSamples, AnomalyDetector.MaxWarmupSamples);
        return Observable.Create<MetricSample>(observer =>
        {
            var scorer = new AnomalyScorer(warmupSamples);
            return samples.Subscribe(
                sample =>
                {
                    if (scorer.TryScore(in sample, out var score))
                    {
                        observer.OnNext(score);
                    }
                },
                observer.OnError,
                observer.OnCompleted);
        });
    }
}
