using System.Reactive.Subjects;
using AlphaTrade.RxMonitor.Detectors.Anomaly;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Tests.Support;

namespace AlphaTrade.RxMonitor.Tests.Detectors.Anomaly;

public sealed class AnomalyScoresTests
{
    private static readonly SeriesKey LatencyX = SeriesKey.Create("order_latency_seconds", new Label("venue", "x"));
    private static readonly SeriesKey LatencyY = SeriesKey.Create("order_latency_seconds", new Label("venue", "y"));

    [Fact]
    public void AnomalyScores_EachSample_ScoreSampleOfTheScoreSeriesAtItsTime()
    {
        var samples = new Subject<MetricSample>();
        var scores = new List<MetricSample>();
        using var subscription = samples.AnomalyScores(warmupSamples: 10).Subscribe(scores.Add);

        samples.OnNext(new MetricSample(LatencyX, VirtualSamples.At(1), 5));
        samples.OnNext(new MetricSample(LatencyY, VirtualSamples.At(2), 6));

        Assert.Equal(["order_latency_seconds_anomaly_score{venue=\"x\"}", "order_latency_seconds_anomaly_score{venue=\"y\"}"], scores.Select(static s => s.Key.ToString()));
        Assert.Equal([VirtualSamples.At(1), VirtualSamples.At(2)], scores.Select(static s => s.TimestampTicks));
    }

    [Fact]
    public void AnomalyScores_SameSeries_ReusesOneScoreKey()
    {
        var samples = new Subject<MetricSample>();
        var scores = new List<MetricSample>();
        using var subscription = samples.AnomalyScores(warmupSamples: 10).Subscribe(scores.Add);

        samples.OnNext(new MetricSample(LatencyX, VirtualSamples.At(1), 5));
        samples.OnNext(new MetricSample(LatencyX, VirtualSamples.At(2), 6));

        Assert.Same(scores[0].Key, scores[1].Key);
    }

    [Fact]
    public void AnomalyScores_Spike_ScoresADetectionForThatSeriesOnly()
    {
        var samples = new Subject<MetricSample>();
        var scores = new List<MetricSample>();
        using var subscription = samples.AnomalyScores(warmupSamples: 300).Subscribe(scores.Add);
        var values = AnomalySeries.Periodic(1000);
        for (var i = 0; i < values.Length; i++)
        {
            samples.OnNext(new MetricSample(LatencyX, VirtualSamples.At(i), i == 900 ? 500 : values[i]));
            samples.OnNext(new MetricSample(LatencyY, VirtualSamples.At(i), values[i]));
        }

        Assert.True(scores[1800].Value >= 0.5);
        Assert.True(scores.Where(static s => s.Key.Labels.Get("venue") == "y").Max(static s => s.Value) < 0.5);
    }

    [Fact]
    public void AnomalyScores_NotFiniteOrLateSample_IsSkipped()
    {
        var samples = new Subject<MetricSample>();
        var scores = new List<MetricSample>();
        using var subscription = samples.AnomalyScores(warmupSamples: 10).Subscribe(scores.Add);

        samples.OnNext(new MetricSample(LatencyX, VirtualSamples.At(5), 1));
        samples.OnNext(new MetricSample(LatencyX, VirtualSamples.At(6), double.NaN));
        samples.OnNext(new MetricSample(LatencyX, VirtualSamples.At(4), 1));

        Assert.Single(scores);
    }

    [Fact]
    public void AnomalyScores_ErrorAndCompletion_PassThrough()
    {
        var failing = new Subject<MetricSample>();
        var completing = new Subject<MetricSample>();
        Exception? error = null;
        var completed = false;
        using var a = failing.AnomalyScores(warmupSamples: 10).Subscribe(static _ => { }, e => error = e);
        using var b = completing.AnomalyScores(warmupSamples: 10).Subscribe(static _ => { }, () => completed = true);

        failing.OnError(new InvalidOperationException("upstream"));
        completing.OnCompleted();

        Assert.Equal("upstream", error?.Message);
        Assert.True(completed);
    }

    [Fact]
    public void AnomalyScores_WarmupOutOfRange_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Subject<MetricSample>().AnomalyScores(warmupSamples: 5));

    [Fact]
    public void AnomalyScores_KnownSeries_AllocatesNothingPerSample()
    {
        var samples = new Subject<MetricSample>();
        var sum = 0.0;
        using var subscription = samples.AnomalyScores(warmupSamples: 10).Subscribe(s => sum += s.Value);
        var values = AnomalySeries.Periodic(20_000);
        var t = 0;
        void Run(int count)
        {
            for (var i = 0; i < count; i++, t++)
            {
                samples.OnNext(new MetricSample(LatencyX, VirtualSamples.At(t), values[t % values.Length]));
            }
        }

        Run(1000);

        Assert.Equal(0, Allocations.LeastOf(3, () => Run(10_000)));
    }

    [Fact]
    public void AnomalyScorer_SeriesSilentForADay_IsForgotten()
    {
        var scorer = new AnomalyScorer(warmupSamples: 10);
        scorer.TryScore(new MetricSample(LatencyX, VirtualSamples.At(0), 1), out _);
        for (var i = 0; i < 4096; i++)
        {
            // Y reports every minute: the sweep after a day of event time drops X, silent since the start.
            scorer.TryScore(new MetricSample(LatencyY, VirtualSamples.At(60 * i), 1), out _);
        }

        Assert.Equal(1, scorer.Count);
    }
}
