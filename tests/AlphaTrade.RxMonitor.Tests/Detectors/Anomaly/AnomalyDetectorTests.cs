using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Detectors.Anomaly;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Tests.Support;

namespace AlphaTrade.RxMonitor.Tests.Detectors.Anomaly;

public sealed class AnomalyDetectorTests
{
    private const int Warmup = 300;
    private const int Onset = 1500;
    private static readonly SeriesKey Latency = SeriesKey.Create("order_latency_seconds");

    private static double[] Scores(double[] values, ThresholdCondition? condition = null)
    {
        var evaluator = new AnomalyDetector(condition ?? ThresholdCondition.Above(0.9), Warmup).CreateEvaluator(Latency);
        var scores = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            evaluator.Add(VirtualSamples.At(i * 10), values[i]);
            scores[i] = evaluator.Evaluate(VirtualSamples.At(i * 10)).Value;
        }

        return scores;
    }

    private static double MaxBetween(double[] scores, int from, int to) => scores[from..to].Max();

    [Fact]
    public void Score_CleanPeriodicSeries_StaysBelowTheDetectionLevel()
    {
        var scores = Scores(AnomalySeries.Periodic(4000));

        Assert.True(MaxBetween(scores, Warmup, scores.Length) < 0.5, $"max score {MaxBetween(scores, Warmup, scores.Length)}");
    }

    [Fact]
    public void Score_DuringWarmup_IsZero()
    {
        var scores = Scores(AnomalySeries.ChangedFrom(Warmup, 100, static (_, v) => v * 10));

        Assert.All(scores, static s => Assert.Equal(0, s));
    }

    [Fact]
    public void Score_LevelShift_RisesToADetection()
    {
        var scores = Scores(AnomalySeries.ChangedFrom(2000, Onset, static (_, v) => v + 40));

        Assert.True(MaxBetween(scores, Onset, Onset + 10) >= 0.5);
        Assert.True(MaxBetween(scores, Warmup, Onset) < 0.5);
    }

    [Fact]
    public void Score_Spike_RisesToADetectionAtTheSpike()
    {
        var values = AnomalySeries.Periodic(2000);
        values[Onset] = 200;
        var scores = Scores(values);

        Assert.True(scores[Onset] >= 0.5, $"score at the spike {scores[Onset]}");
    }

    [Fact]
    public void Score_SlowDrift_RisesToADetection()
    {
        // +0.02 per sample: the drift is 0.1 % of the cycle's amplitude per sample, 20 units after 1,000 samples.
        var scores = Scores(AnomalySeries.ChangedFrom(3000, Onset, static (i, v) => v + (0.02 * (i - Onset))));

        Assert.True(MaxBetween(scores, Onset, scores.Length) >= 0.5);
        Assert.True(MaxBetween(scores, Warmup, Onset) < 0.5);
    }

    [Fact]
    public void Evaluate_Detection_BreachedWithScoreAsValueAndSampleAsDetail()
    {
        var detector = new AnomalyDetector(ThresholdCondition.Above(0.5, Severity.Critical), Warmup);
        var evaluator = detector.CreateEvaluator(Latency);
        var values = AnomalySeries.Periodic(Onset);
        for (var i = 0; i < values.Length; i++)
        {
            evaluator.Add(VirtualSamples.At(i * 10), values[i]);
        }

        evaluator.Add(VirtualSamples.At(Onset * 10), 500);
        var result = evaluator.Evaluate(VirtualSamples.At(Onset * 10));

        Assert.Equal(DetectorOutcome.Breached, result.Outcome);
        Assert.Equal(Severity.Critical, result.Severity);
        Assert.InRange(result.Value, 0.5, 1);
        Assert.Equal(500, result.Detail);
    }

    [Fact]
    public void Evaluate_NoSampleWithinLookback_NoData()
    {
        var evaluator = new AnomalyDetector(ThresholdCondition.Above(0.9), Warmup, TimeSpan.FromMinutes(1)).CreateEvaluator(Latency);
        evaluator.Add(VirtualSamples.At(0), 1);

        Assert.Equal(DetectorOutcome.NoData, evaluator.Evaluate(VirtualSamples.At(61)).Outcome);
    }

    [Fact]
    public void Constructor_BelowCondition_Throws() =>
        Assert.Throws<ArgumentException>(() => new AnomalyDetector(ThresholdCondition.Below(0.5)));

    [Fact]
    public void Constructor_TooShortWarmup_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new AnomalyDetector(ThresholdCondition.Above(0.5), AnomalyDetector.MinWarmupSamples - 1));

    [Fact]
    public void AddAndEvaluate_AfterWarmup_AllocateNothing()
    {
        var evaluator = new AnomalyDetector(ThresholdCondition.Above(0.9), Warmup).CreateEvaluator(Latency);
        var values = AnomalySeries.Periodic(20_000);
        var t = 0;
        void Run(int count)
        {
            for (var i = 0; i < count; i++, t++)
            {
                evaluator.Add(VirtualSamples.At(t), values[t % values.Length]);
                evaluator.Evaluate(VirtualSamples.At(t));
            }
        }

        Run(Warmup + 100);

        Assert.Equal(0, Allocations.LeastOf(3, () => Run(10_000)));
    }

    [Fact]
    public void CreateEvaluator_AllocatesTheStatedBytesPerSeriesPlusTheWarmupBuffer()
    {
        var detector = new AnomalyDetector(ThresholdCondition.Above(0.9), Warmup);

        var bytes = Allocations.LeastOf(3, () => detector.CreateEvaluator(Latency));

        Assert.InRange(bytes - (Warmup * sizeof(double)), AnomalyDetector.BytesPerSeries * 0.9, AnomalyDetector.BytesPerSeries * 1.1);
    }
}
