using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Tests.Support;

namespace AlphaTrade.RxMonitor.Tests.Detectors;

public sealed class PercentChangeDetectorTests
{
    private static readonly SeriesKey Series = SeriesKey.Create("orders");

    [Fact]
    public void Evaluate_FirstWindow_NoDataWithoutBaseline()
    {
        var evaluator = Create(ThresholdCondition.Above(20));
        evaluator.Add(At(1), 100);

        Assert.Equal(DetectorOutcome.NoData, evaluator.Evaluate(At(10)).Outcome);
    }

    [Fact]
    public void Evaluate_RiseAboveLimit_BreachedWithPercentAndMeanAsDetail()
    {
        var evaluator = Create(ThresholdCondition.Above(20, Severity.Error));
        evaluator.Add(At(1), 90);
        evaluator.Add(At(2), 110);
        evaluator.Add(At(11), 125);

        var result = evaluator.Evaluate(At(20));

        Assert.Equal(DetectorResult.Breached(25, Severity.Error, 125), result);
    }

    [Fact]
    public void Evaluate_RiseBelowLimit_Normal()
    {
        var evaluator = Create(ThresholdCondition.Above(20));
        evaluator.Add(At(1), 100);
        evaluator.Add(At(11), 110);

        var result = evaluator.Evaluate(At(20));

        Assert.Equal(DetectorOutcome.Normal, result.Outcome);
        Assert.Equal(10, result.Value, 12);
    }

    [Fact]
    public void Evaluate_FallWithBelow_BreachedAgainstAbsolutePreviousMean()
    {
        var evaluator = Create(ThresholdCondition.Below(-20));
        evaluator.Add(At(1), -100);
        evaluator.Add(At(11), -150);

        var result = evaluator.Evaluate(At(20));

        Assert.Equal(DetectorOutcome.Breached, result.Outcome);
        Assert.Equal(-50, result.Value, 12);
    }

    [Fact]
    public void Evaluate_PreviousWindowEmpty_NoData()
    {
        var evaluator = Create(ThresholdCondition.Above(20));
        evaluator.Add(At(1), 100);
        evaluator.Add(At(21), 200);

        Assert.Equal(DetectorOutcome.NoData, evaluator.Evaluate(At(30)).Outcome);
    }

    [Fact]
    public void Evaluate_PreviousMeanZero_NoData()
    {
        var evaluator = Create(ThresholdCondition.Above(20));
        evaluator.Add(At(1), 0);
        evaluator.Add(At(11), 5);

        Assert.Equal(DetectorOutcome.NoData, evaluator.Evaluate(At(20)).Outcome);
    }

    [Fact]
    public void Evaluate_LastClosedWindowStale_NoData()
    {
        var detector = new PercentChangeDetector(TimeSpan.FromSeconds(10), ThresholdCondition.Above(20), TimeSpan.FromMinutes(1));
        var evaluator = detector.CreateEvaluator(Series);
        evaluator.Add(At(1), 100);
        evaluator.Add(At(11), 200);

        Assert.Equal(DetectorOutcome.Breached, evaluator.Evaluate(At(80)).Outcome);
        Assert.Equal(DetectorOutcome.NoData, evaluator.Evaluate(At(81)).Outcome);
    }

    [Fact]
    public void Add_SteadyState_DoesNotAllocate()
    {
        var evaluator = new PercentChangeDetector(TimeSpan.FromSeconds(1), ThresholdCondition.Above(20)).CreateEvaluator(Series);
        var t = At(0);
        var step = TimeSpan.FromMilliseconds(1).Ticks;
        for (var i = 0; i < 5000; i++, t += step)
        {
            evaluator.Add(t, 50 + (i / 1000 % 3 * 20));
        }

        var allocated = Allocations.LeastOf(3, () =>
        {
            for (var i = 0; i < 100_000; i++, t += step)
            {
                evaluator.Add(t, 50 + (i / 1000 % 3 * 20));
                _ = evaluator.Evaluate(t);
            }
        });

        // Per-sample allocation would cost megabytes in every run; a one-off runtime allocation (tiered JIT) lands in one.
        Assert.InRange(allocated, 0, 1024);
    }

    [Fact]
    public void Constructor_ZeroWindow_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PercentChangeDetector(TimeSpan.Zero, ThresholdCondition.Above(20)));
    }

    private static ISeriesEvaluator Create(ThresholdCondition condition) =>
        new PercentChangeDetector(TimeSpan.FromSeconds(10), condition).CreateEvaluator(Series);

    private static long At(double seconds) =>
        DateTimeOffset.UnixEpoch.UtcTicks + (long)Math.Round(seconds * TimeSpan.TicksPerSecond);
}
