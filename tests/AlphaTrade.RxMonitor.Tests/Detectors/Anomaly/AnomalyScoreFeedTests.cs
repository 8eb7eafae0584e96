using System.Reactive;
using System.Reactive.Linq;
using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Detectors.Anomaly;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Tests.Support;

namespace AlphaTrade.RxMonitor.Tests.Detectors.Anomaly;

public sealed class AnomalyScoreFeedTests
{
    private const int Warmup = 300;
    private static readonly SeriesKey Latency = SeriesKey.Create("order_latency_seconds", LabelSet.Create(new Label("venue", "x")));

    [Fact]
    public void PublishingScoresTo_Samples_PublishesWhatAnomalyScoresYields()
    {
        var values = AnomalySeries.ChangedFrom(2000, 1500, static (i, v) => AnomalySeries.Erratic(i));
        var published = new CollectingObserver();
        var evaluator = new AnomalyDetector(ThresholdCondition.Above(0.9), Warmup).PublishingScoresTo(new AnomalyScoreFeed(published)).CreateEvaluator(Latency);
        for (var i = 0; i < values.Length; i++)
        {
            evaluator.Add(VirtualSamples.At(i), values[i]);
        }

        var expected = new List<MetricSample>();
        using (values.Select((v, i) => new MetricSample(Latency, VirtualSamples.At(i), v)).ToObservable().AnomalyScores(Warmup).Subscribe(expected.Add))
        {
            Assert.Equal(expected, published.Samples);
        }

        Assert.Contains(published.Samples, static s => s.Value >= 0.5);
        Assert.All(published.Samples, static s => Assert.Equal("order_latency_seconds_anomaly_score{venue=\"x\"}", s.Key.ToString()));
    }

    [Fact]
    public void PublishingScoresTo_TwoDetectorsOnOneSeries_OnlyTheFirstPublishes()
    {
        var published = new CollectingObserver();
        var feed = new AnomalyScoreFeed(published);
        var first = new AnomalyDetector(ThresholdCondition.Above(0.9), Warmup).PublishingScoresTo(feed).CreateEvaluator(Latency);
        var second = new AnomalyDetector(ThresholdCondition.Above(0.5), 10).PublishingScoresTo(feed).CreateEvaluator(Latency);

        first.Add(VirtualSamples.At(0), 1);
        second.Add(VirtualSamples.At(0), 1);
        second.Add(VirtualSamples.At(1), 2);

        Assert.Single(published.Samples);
    }

    [Fact]
    public void PublishingScoresTo_EvaluatorOfTheSameDetectorCreatedAgain_PublishesAgain()
    {
        var published = new CollectingObserver();
        var detector = new AnomalyDetector(ThresholdCondition.Above(0.9), Warmup).PublishingScoresTo(new AnomalyScoreFeed(published));
        detector.CreateEvaluator(Latency).Add(VirtualSamples.At(0), 1);

        detector.CreateEvaluator(Latency).Add(VirtualSamples.At(1), 1);

        Assert.Equal(2, published.Samples.Count);
    }

    [Fact]
    public void PublishingScoresTo_AfterWarmup_AddAllocatesNothing()
    {
        var count = 0;
        var feed = new AnomalyScoreFeed(Observer.Create<MetricSample>(_ => count++));
        var evaluator = new AnomalyDetector(ThresholdCondition.Above(0.9), Warmup).PublishingScoresTo(feed).CreateEvaluator(Latency);
        var values = AnomalySeries.Periodic(20_000);
        var t = 0;
        void Run(int samples)
        {
            for (var i = 0; i < samples; i++, t++)
            {
                evaluator.Add(VirtualSamples.At(t), values[t % values.Length]);
            }
        }

        Run(Warmup + 100);

        Assert.Equal(0, Allocations.LeastOf(3, () => Run(10_000)));
        Assert.Equal(t, count);
    }
}
